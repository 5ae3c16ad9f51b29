package io.mtapi.harness.suites.robustness;

import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.Users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's endpoints that take a JSON body, each with a well-formed body it must
 * refuse (422 or 401): probes derived from it can never create or change anything on a
 * correct target, whatever their Content-Type.
 */
enum JsonEndpoint {
    REGISTER("POST /auth/register", false) {
        @Override
        Map<String, Object> refusedObject() {
            return fields("tenant_name", "Probe " + RunId.unique(), "admin_email", Users.email(),
                    "admin_username", "ab", "admin_password", "short");
        }
    },
    LOGIN("POST /auth/login", false) {
        @Override
        Map<String, Object> refusedObject() {
            return fields("username", "nobody." + RunId.unique(), "password", "not-the-password");
        }
    },
    REFRESH("POST /auth/refresh", false) {
        @Override
        Map<String, Object> refusedObject() {
            return fields("refresh_token", "not-a-token");
        }
    },
    CREATE_USER("POST /api/v1/users", true) {
        @Override
        Map<String, Object> refusedObject() {
            return fields("username", "ab", "email", Users.email(), "full_name", "Robustness Probe", "role", "user");
        }
    },
    BULK_CREATE_USERS("POST /api/v1/users/bulk", true) {
        @Override
        Map<String, Object> refusedObject() {
            return CREATE_USER.refusedObject();
        }

        @Override
        Object wrap(Object item) {
            return List.of(item);
        }
    },
    UPDATE_USER("PUT /api/v1/users/{id}", true) {
        @Override
        Map<String, Object> refusedObject() {
            return fields("email", "not-an-email", "full_name", "");
        }
    };

    private final String call;
    private final boolean createsUsers;

    JsonEndpoint(String call, boolean createsUsers) {
        this.call = call;
        this.createsUsers = createsUsers;
    }

    /** One object with every field the endpoint reads, refused by the endpoint as it stands. */
    abstract Map<String, Object> refusedObject();

    /** The body around one object: the object itself, or a list for bulk creation. */
    Object wrap(Object item) {
        return item;
    }

    /** Whether a probe that is accepted (unicode that is valid after all) creates or changes a user. */
    boolean touchesUsers() {
        return createsUsers;
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public String toString() {
        return call;
    }
}
