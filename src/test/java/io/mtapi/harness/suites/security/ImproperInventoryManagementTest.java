package io.mtapi.harness.suites.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.RawApi;
import io.mtapi.harness.checks.ContractOperations;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * What the live deployment exposes compared with the contract: the operations its own
 * {@code /openapi.json} lists (FastAPI-style targets publish one) and the paths that teams
 * forget to remove (debug routes, old API versions, internal tools, docs UIs).
 */
@ContractTest
@CallsPerBudget(1) // one GET per undocumented path
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API9:2023 Improper Inventory Management")
@DisplayName("API9:2023 Improper Inventory Management")
class ImproperInventoryManagementTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API9:2023 Improper Inventory Management — the live /openapi.json lists no operation the "
            + "contract does not document")
    @Covers({"OWASP API9:2023 Improper Inventory Management"})
    void liveDocumentListsNoUndocumentedOperation(ApiTarget target) {
        Set<String> live = liveOperations(target);

        Set<String> undocumented = new TreeSet<>(live);
        undocumented.removeAll(contractOperations());

        assertThat(undocumented).as("operations the live /openapi.json serves that the contract does not "
                + "document (each is an endpoint nobody tests or reviews)").isEmpty();
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("API9:2023 Improper Inventory Management — the live /openapi.json lists every operation of the contract")
    @Covers({"OWASP API9:2023 Improper Inventory Management"})
    void liveDocumentListsEveryContractOperation(ApiTarget target) {
        Set<String> live = liveOperations(target);

        Set<String> missing = new TreeSet<>(contractOperations());
        missing.removeAll(live);

        assertThat(missing).as("contract operations missing from the live /openapi.json (the deployment's "
                + "inventory and the contract have drifted apart)").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/admin", "/debug", "/api/v1/debug", "/api/v1/debug/users", "/api/v1/internal",
            "/api/v1/internal/users", "/api/v2/users", "/api/v0/users", "/api/users", "/api/v1/admin/users",
            "/api/v1/admin/config", "/metrics", "/actuator", "/actuator/env", "/.env", "/config", "/graphql"})
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API9:2023 Improper Inventory Management — a path the contract does not document is not served "
            + "(no 2xx), neither anonymously nor to an admin")
    @Covers({"OWASP API9:2023 Improper Inventory Management"})
    void undocumentedPathIsNotServed(String path, ApiTarget target, Tenant tenant) {
        assertThat(ContractOperations.match("GET", path)).as("probe %s must not be a documented call", path).isEmpty();

        ApiResponse anonymous = new RawApi(target.specs().anonymous()).send("GET", path);
        ApiResponse admin = tenant.admin().raw().send("GET", path);

        assertThat(anonymous).as("anonymous GET %s, a path the contract does not document", path).isNotSuccessful();
        assertThat(admin).as("GET %s by a tenant's admin, a path the contract does not document", path)
                .isNotSuccessful();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/docs", "/redoc", "/swagger-ui.html", "/swagger-ui/index.html", "/docs/oauth2-redirect"})
    @Severity(SeverityLevel.MINOR)
    @ContractGap(value = "docsUi", reason = "the contract neither documents nor forbids interactive API docs; "
            + "FastAPI serves /docs and /redoc by default, which hand anyone a browsable map and console of the "
            + "API: fine on a developer's machine (off in dev.conf), a finding on a shared deployment")
    @DisplayName("API9:2023 Improper Inventory Management — no interactive API documentation UI is served")
    @Covers({"OWASP API9:2023 Improper Inventory Management"})
    void noDocsUiIsServed(String path, ApiTarget target) {
        ApiResponse response = new RawApi(target.specs().anonymous()).send("GET", path, r -> r.accept("text/html"));

        assertThat(response).as("anonymous GET %s, an API documentation UI", path).isNotSuccessful();
    }

    /** The live document's operations as "METHOD /path/{}" (parameter names do not matter), or a skip. */
    private static Set<String> liveOperations(ApiTarget target) {
        ApiResponse document = target.auth().openApiDocument();
        Assumptions.assumeFalse(document.status() == 404, "target publishes no /openapi.json");
        assertThat(document).as("GET /openapi.json").isOk();
        Set<String> operations = new TreeSet<>();
        document.json().path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                operations.add(operation(op.getKey(), path.getKey()));
            }
        }));
        return operations;
    }

    private static Set<String> contractOperations() {
        return ContractOperations.all().stream().map(op -> operation(op.method(), op.pathTemplate()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String operation(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
    }
}
