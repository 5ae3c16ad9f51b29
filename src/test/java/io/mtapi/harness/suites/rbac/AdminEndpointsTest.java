package io.mtapi.harness.suites.rbac;

import io.mtapi.harness.api.AdminApi;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.TenantList;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.mtapi.harness.tokens.Jwt;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.Function;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2) // the member's calls per admin endpoint, its own token and a forged one
@Tag(Tags.RBAC)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Roles")
@Story("Admin endpoints")
@DisplayName("Admin endpoints are for role admin only")
class AdminEndpointsTest {

    /** The two calls of CONTRACT.md section 6. */
    enum AdminCall {
        TENANTS(AdminApi::tenants),
        STATS(AdminApi::stats);

        private final Function<AdminApi, ApiResponse> call;

        AdminCall(Function<AdminApi, ApiResponse> call) {
            this.call = call;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminCall.class)
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("A caller with role user gets 403 'Admin access required' on the admin endpoints")
    @Covers({"§6 GET /api/v1/admin/tenants 403", "§6 GET /api/v1/admin/stats 403", "OWASP API5:2023 BFLA"})
    void memberIsForbidden(AdminCall call, Member member) {
        ApiResponse response = call.call.apply(member.administration());

        // The detail is the contract's 'Admin access required' in spirit; its wording is the deployment's (§7a).
        assertThat(response).as("%s as a member (role user)", call).isForbidden().hasErrorDetail();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminCall.class)
    @Severity(SeverityLevel.BLOCKER)
    @ContractGap(value = "signedRoleClaimChecked", reason = "raising the role claim of a member's token takes the "
            + "signing secret, and CONTRACT.md (Token trust) lets a deployment take the role from a token it signed "
            + "without reading its store again; an environment whose secret may leak wants the stored role to decide")
    @DisplayName("The stored role decides: a member's validly signed token claiming role admin still gets 403")
    @Covers({"§6 GET /api/v1/admin/tenants 403", "§6 GET /api/v1/admin/stats 403",
            "§2 Token trust: a check whose attack needs the secret is a contract gap", "OWASP API5:2023 BFLA"})
    void memberClaimingAdminInItsTokenIsForbidden(AdminCall call, ApiTarget target, Member member) {
        var account = member.account();
        String claimsAdmin = Jwt.mint(target.signingSecretOrSkip("A member's token claiming role admin"),
                Jwt.accessClaims(account.userId(), account.tenantId(), account.username(), "admin",
                        target.config().accessTokenTtl()));

        ApiResponse response = call.call.apply(new AdminApi(target.specs().bearer(claimsAdmin)));

        assertThat(response).as("%s as a member with a signed token whose role claim says admin", call).isForbidden();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminCall.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("The admin endpoints without a token answer 401")
    @Covers({"§2 Bearer missing 401", "OWASP API5:2023 BFLA"})
    void anonymousIsUnauthorized(AdminCall call, ApiTarget target) {
        assertThat(call.call.apply(new AdminApi(target.specs().anonymous()))).as("%s without a token", call)
                .isUnauthorized();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("GET /api/v1/admin/tenants lists the admin's own tenant (id and name), and total counts the list")
    @Covers({"§6 GET /api/v1/admin/tenants 200"})
    void adminListsTenantsIncludingItsOwn(ApiTarget target, Tenant tenant) {
        ApiResponse response = tenant.admin().administration().tenants(); // schema-checked on the way

        assertThat(response).as("GET /api/v1/admin/tenants as a tenant's admin").isOk();
        TenantList listing = response.as(TenantList.class);
        int listed = listing.tenants().size();
        assertThat(listing.total()).as("total (at least the number of tenants listed)").isGreaterThanOrEqualTo(listed);
        // The contract's listing has no pages. A deployment that caps it (at the page-size maximum) lists
        // fewer than total; below that cap the list is complete.
        if (listed < target.config().maxPageSize()) {
            assertThat(listing.total()).as("total of a listing below the page-size cap: the tenants listed")
                    .isEqualTo(listed);
        }
        if (listing.total() == listed) {
            assertThat(listing.tenants()).as("the complete tenant listing").extracting(TenantList.Entry::id)
                    .contains(tenant.id());
            assertThat(listing.tenants()).filteredOn(t -> t.id().equals(tenant.id()))
                    .as("the listing's entry for the admin's own tenant")
                    .singleElement()
                    .satisfies(own -> {
                        assertThat(own.name()).as("name of the own tenant").isEqualTo(tenant.name());
                        assertThat(own.isActive()).as("is_active of the own tenant").isTrue();
                    });
        }
    }
}
