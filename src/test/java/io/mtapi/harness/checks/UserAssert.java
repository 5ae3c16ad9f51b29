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
            failWithMessage("expected user %s to belong to %s, but its tenant_id is <%s>",
                    actual.username(), tenant, actual.tenantId());
        }
        return this;
    }

    public UserAssert isActive() {
        isNotNull();
        if (!Boolean.TRUE.equals(actual.isActive())) {
            failWithMessage("expected user %s to be active (is_active true), but is_active is <%s>",
                    actual.username(), actual.isActive());
        }
        return this;
    }

    public UserAssert isInactive() {
        isNotNull();
        if (!Boolean.FALSE.equals(actual.isActive())) {
            failWithMessage("expected user %s to be soft-deleted (is_active false), but is_active is <%s>",
                    actual.username(), actual.isActive());
        }
        return this;
    }

    /** Username, email and full name are what was sent; role is what was sent or the default "user". */
    public UserAssert matches(NewUser sent) {
        isNotNull();
        String expectedRole = sent.role() == null ? "user" : sent.role();
        if (!Objects.equals(actual.username(), sent.username()) || !Objects.equals(actual.email(), sent.email())
                || !Objects.equals(actual.fullName(), sent.fullName()) || !Objects.equals(actual.role(), expectedRole)) {
            failWithMessage("expected the user as created (username <%s>, email <%s>, full_name <%s>, role <%s>), "
                            + "got username <%s>, email <%s>, full_name <%s>, role <%s>",
                    sent.username(), sent.email(), sent.fullName(), expectedRole,
                    actual.username(), actual.email(), actual.fullName(), actual.role());
        }
        return this;
    }
}
