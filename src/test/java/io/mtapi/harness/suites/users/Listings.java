package io.mtapi.harness.suites.users;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.fixtures.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * A tenant's users as one of its callers lists them: what "nothing was created" and
 * "the user is still there" are checked against.
 */
final class Listings {

    /** The contract's largest page: one request lists a tenant of up to 100 users. */
    static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 20;
    private static final TypeReference<Page<User>> USER_PAGE = new TypeReference<>() { };

    private Listings() {
    }

    /** Every user of the caller's tenant, soft-deleted ones included, over as many pages as it takes. */
    static List<User> everyUser(Caller caller) {
        List<User> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiResponse response = caller.users().list(Map.of("page", page, "page_size", PAGE_SIZE, "active_only", false));
            assertThat(response).as("a tenant's admin lists its users (active_only=false), page %d", page).isOk();
            Page<User> listed = page(response);
            all.addAll(listed.data());
            if (!Boolean.TRUE.equals(listed.hasNext())) {
                return all;
            }
        }
        throw new AssertionError("a user listing still had has_next true after " + MAX_PAGES + " pages of " + PAGE_SIZE
                + ": more users than any test here creates, or has_next never turns false\n  listed by " + caller);
    }

    /** The default listing (active_only left to its default), first page of {@link #PAGE_SIZE}. */
    static Page<User> defaultListing(Caller caller) {
        ApiResponse response = caller.users().list(Map.of("page_size", PAGE_SIZE));
        assertThat(response).as("a tenant's admin lists its users with the default active_only").isOk();
        return page(response);
    }

    /**
     * The users of the caller's tenant (soft-deleted ones included) that hold a username or an email one
     * request sent: what that request created, if anything. A parameterized case judges only these, so a
     * user another case left behind never fails it.
     */
    static List<User> holdingWhatWasSent(Caller caller, Map<String, ?> sent) {
        Object username = sent.get("username");
        Object email = sent.get("email");
        return everyUser(caller).stream().filter(user -> username instanceof String name && name.equals(user.username())
                || email instanceof String mail && user.email() != null && mail.equalsIgnoreCase(user.email())).toList();
    }

    /** The ids of the caller's tenant's users, soft-deleted ones included: a snapshot to compare a later one with. */
    static Set<String> ids(Caller caller) {
        return everyUser(caller).stream().map(User::id).collect(Collectors.toSet());
    }

    static Page<User> page(ApiResponse response) {
        return response.as(USER_PAGE);
    }
}
