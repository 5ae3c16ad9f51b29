package io.mtapi.harness.checks;

import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
import io.mtapi.harness.fixtures.Tenant;
import org.assertj.core.api.AbstractAssert;

import java.util.Objects;

/** Assertions on a User object, e.g. {@code assertThat(user).belongsTo(tenant).isActive()}. */
public final class UserAssert extends AbstractAssert<UserAssert, User> {

    UserAssert(User actual) {
        super(actual, UserAssert.class);
    }

    public UserAssert belongsTo(Tenant tenant) {
        isNotNull();
        if (!Objects.equals(actual.tenantId(), tenant.id())) {
            failWithMessage("a user must belong to the caller's tenant (another tenant_id)%n  user %s of %s has "
                    + "tenant_id %s", actual.username(), tenant, actual.tenantId());
        }
        return this;
    }

    public UserAssert isActive() {
        isNotNull();
        if (!Boolean.TRUE.equals(actual.isActive())) {
            failWithMessage("the user must be active (expected is_active true, got %s)%n  user %s",
                    actual.isActive(), actual.username());
        }
        return this;
    }

    public UserAssert isInactive() {
        isNotNull();
        if (!Boolean.FALSE.equals(actual.isActive())) {
            failWithMessage("the user must be soft-deleted (expected is_active false, got %s)%n  user %s",
                    actual.isActive(), actual.username());
        }
        return this;
    }

    /** Username, email and full name are what was sent; role is what was sent or the default "user". */
    public UserAssert matches(NewUser sent) {
        isNotNull();
        String expectedRole = sent.role() == null ? "user" : sent.role();
        if (!Objects.equals(actual.username(), sent.username()) || !Objects.equals(actual.email(), sent.email())
                || !Objects.equals(actual.fullName(), sent.fullName()) || !Objects.equals(actual.role(), expectedRole)) {
            java.util.List<String> differ = new java.util.ArrayList<>();
            if (!Objects.equals(actual.username(), sent.username())) {
                differ.add("username");
            }
            if (!Objects.equals(actual.email(), sent.email())) {
                differ.add("email");
            }
            if (!Objects.equals(actual.fullName(), sent.fullName())) {
                differ.add("full_name");
            }
            if (!Objects.equals(actual.role(), expectedRole)) {
                differ.add("role");
            }
            failWithMessage("the user must be as created (%s %s)%n  expected username <%s>, email <%s>, full_name <%s>, "
                            + "role <%s>%n  got username <%s>, email <%s>, full_name <%s>, role <%s>",
                    String.join(", ", differ), differ.size() == 1 ? "differs" : "differ",
                    sent.username(), sent.email(), sent.fullName(), expectedRole,
                    actual.username(), actual.email(), actual.fullName(), actual.role());
        }
        return this;
    }
}
