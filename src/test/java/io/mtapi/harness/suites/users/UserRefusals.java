package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.Tenant;

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/** A user body the contract refuses, judged by its own effect only. */
final class UserRefusals {

    private UserRefusals() {
    }

    /**
     * {@code POST /api/v1/users} with the variant answers 422 pointing at the broken field, and no user
     * holds the username or email that body sent: what another case left behind never fails this one.
     */
    static void assertRefusedAndNothingCreated(Tenant caller, Users.Invalid variant) {
        Map<String, Object> sent = Users.invalid(variant);

        ApiResponse response = caller.users().create(sent);

        assertThat(response).as("an admin creates a user with %s", variant).isValidationErrorFor(variant.field());
        assertThat(Listings.holdingWhatWasSent(caller.admin(), sent))
                .as("users holding the username or email of the refused creation with %s: a 422 creates nothing", variant)
                .extracting(User::username).isEmpty();
    }
}
