package io.mtapi.harness.suites.concurrency;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.fixtures.Tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/** What a tenant's admin sees afterwards: every user of the tenant, deactivated ones included. */
final class TenantUsers {

    private static final int PAGE_SIZE = 100;

    private TenantUsers() {
    }

    /** Walks GET /api/v1/users?active_only=false from page 1 while has_next. */
    static List<User> all(Tenant tenant) {
        List<User> users = new ArrayList<>();
        int page = 1;
        Page<User> current;
        do {
            ApiResponse response = tenant.users().list(Map.of("page", page, "page_size", PAGE_SIZE, "active_only", false));
            assertThat(response).as("a tenant's admin lists its users (active_only=false), page %d", page).isOk();
            current = response.as(new TypeReference<Page<User>>() { });
            users.addAll(current.data());
            page++;
        } while (Boolean.TRUE.equals(current.hasNext()));
        return users;
    }

    static long named(Tenant tenant, String username) {
        return all(tenant).stream().filter(u -> username.equals(u.username())).count();
    }

    static long withEmail(Tenant tenant, String email) {
        return all(tenant).stream().filter(u -> email.equalsIgnoreCase(u.email())).count();
    }
}
