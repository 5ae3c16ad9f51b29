package io.mtapi.harness.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtapi.harness.http.Phases;
import io.mtapi.harness.http.Recovery;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.mtapi.harness.api.AuthApi.json;

/**
 * {@code /api/v1/users} as one caller. Every user this client creates is reported to
 * the tracker, so the owning fixture deactivates it afterwards.
 */
public final class UsersApi {

    static final String USERS = "/api/v1/users";
    static final String USER = "/api/v1/users/{user_id}";

    private final Calls calls;
    private final ResourceTracker tracker;

    public UsersApi(RequestSpecification spec, ResourceTracker tracker) {
        this.calls = new Calls(spec);
        this.tracker = tracker;
    }

    /**
     * {@code POST /api/v1/users} with any body: a {@link NewUser} or an invalid variant. If the answer
     * is lost, the tenant's listing tells whether the user was created (see {@link Recoveries}).
     */
    public ApiResponse create(Object body) {
        return create(json(body), Recoveries.usersCreated(calls, tracker, List.of(AuthApi.tree(body)), false));
    }

    /** {@code POST /api/v1/users} with a body sent exactly as given (malformed input probes; a lost answer aborts). */
    public ApiResponse create(RawBody body) {
        return create(body.request(), Recovery.NONE);
    }

    private ApiResponse create(UnaryOperator<RequestSpecification> body, Recovery recovery) {
        ApiResponse response = calls.send("POST", USERS, "User", body, recovery);
        if (response.status() == 201) {
            tracker.userCreated(response.json().path("id").asText());
        }
        return response;
    }

    /** {@code POST /api/v1/users/bulk} with a JSON array; a lost answer is settled like a single creation's. */
    public ApiResponse bulkCreate(Object items) {
        List<JsonNode> each = new ArrayList<>();
        AuthApi.tree(items).forEach(each::add);
        return bulkCreate(json(items), Recoveries.usersCreated(calls, tracker, each, true));
    }

    /** {@code POST /api/v1/users/bulk} with a body sent exactly as given (malformed input probes; a lost answer aborts). */
    public ApiResponse bulkCreate(RawBody body) {
        return bulkCreate(body.request(), Recovery.NONE);
    }

    private ApiResponse bulkCreate(UnaryOperator<RequestSpecification> body, Recovery recovery) {
        ApiResponse response = calls.send("POST", USERS + "/bulk", "UserList", body, recovery);
        if (response.status() == 201) {
            response.json().forEach(user -> tracker.userCreated(user.path("id").asText()));
        }
        return response;
    }

    public ApiResponse get(String id) {
        return calls.send("GET", USER, "User", id);
    }

    /** {@code PUT /api/v1/users/{id}} with e.g. {@code Map.of("full_name", "New Name")}. */
    public ApiResponse update(String id, Object changes) {
        return calls.send("PUT", USER, "User", json(changes), id);
    }

    /** {@code PUT /api/v1/users/{id}} with a body sent exactly as given (malformed input probes). */
    public ApiResponse update(String id, RawBody body) {
        return calls.send("PUT", USER, "User", body.request(), id);
    }

    public ApiResponse delete(String id) {
        ApiResponse response = calls.send("DELETE", USER, null, UnaryOperator.identity(),
                Recoveries.userDeactivated(calls, id), id);
        if (response.status() == 204) {
            tracker.userDeactivated(id);
        }
        return response;
    }

    public ApiResponse list() {
        return list(Map.of());
    }

    /** {@code GET /api/v1/users} with query parameters, e.g. {@code Map.of("page", 2, "page_size", 5)}. */
    public ApiResponse list(Map<String, ?> query) {
        return calls.send("GET", USERS, "UserPage", r -> r.queryParams(query));
    }

    /**
     * Creates a user and returns it, as a Set-up step of the report named after the user; fails the
     * test with the contract's words if that is not a 201.
     */
    public User created(NewUser user) {
        return Phases.setUp("User created: " + user.username() + (user.role() == null ? "" : " (role " + user.role() + ")"), () -> {
            ApiResponse response = create(user);
            if (response.status() != 201) {
                throw new AssertionError("Set-up: POST /api/v1/users did not create a valid new user (expected 201, got "
                        + response.status() + ")\n  user " + user.username() + "\n  " + response.describe());
            }
            return response.as(User.class);
        });
    }

    /** Creates users in one bulk call, as a Set-up step of the report; fails the test if that is not a 201. */
    public List<User> createdInBulk(List<NewUser> users) {
        return Phases.setUp(users.size() + " users created in one bulk call", () -> {
            ApiResponse response = bulkCreate(users);
            if (response.status() != 201) {
                throw new AssertionError("Set-up: POST /api/v1/users/bulk did not create valid new users (expected 201, got "
                        + response.status() + ")\n  " + users.size() + " users\n  " + response.describe());
            }
            return List.of(response.as(User[].class));
        });
    }
}
