package io.mtapi.harness.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtapi.harness.checks.ContractOperations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The contract document and its two readers, tested like any other product code. */
@Tag("selftest")
class ContractDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContractSchemas schemas = ContractSchemas.get();

    // ---- User ---------------------------------------------------------------

    @Test
    void a_valid_user_passes() {
        assertThat(schemas.violations("User", json(user("u-1")))).isEmpty();
    }

    @Test
    void a_user_with_microsecond_timestamps_and_an_offset_passes() {
        Map<String, Object> user = user("u-1");
        user.put("created_at", "2026-11-21T09:44:56.123456+00:00");
        assertThat(schemas.violations("User", json(user))).isEmpty();
    }

    @Test
    void a_user_with_a_field_the_contract_does_not_list_passes_as_section_7a_allows() {
        Map<String, Object> user = user("u-1");
        user.put("last_login_at", null);
        user.put("department", "Sales");

        assertThat(schemas.violations("User", json(user))).isEmpty();
    }

    @Test
    void a_user_that_leaks_hashed_password_fails_and_the_message_names_the_field() {
        Map<String, Object> user = user("u-1");
        user.put("hashed_password", "$2b$12$abcdefghijklmnopqrstuv");

        assertThat(schemas.violations("User", json(user)))
                .singleElement(STRING)
                .contains("User $.hashed_password")
                .contains("propertyNames")
                .contains("#/components/schemas/User/propertyNames")
                .doesNotContain("$2b$");
    }

    @Test
    void a_user_with_role_root_fails() {
        Map<String, Object> user = user("u-1");
        user.put("role", "root");

        assertThat(schemas.violations("User", json(user)))
                .singleElement(STRING)
                .contains("$.role").contains("enum").contains("\"root\"");
    }

    @Test
    void a_user_without_tenant_id_fails() {
        Map<String, Object> user = user("u-1");
        user.remove("tenant_id");

        assertThat(schemas.violations("User", json(user)))
                .singleElement(STRING)
                .contains("required").contains("tenant_id");
    }

    @Test
    void a_user_whose_timestamp_has_no_offset_fails() {
        Map<String, Object> user = user("u-1");
        user.put("updated_at", "2026-11-21T09:44:56.123456");

        assertThat(schemas.violations("User", json(user)))
                .singleElement(STRING)
                .contains("$.updated_at").contains("date-time").contains("format");
    }

    @Test
    void a_user_whose_timestamp_is_not_a_date_fails() {
        Map<String, Object> user = user("u-1");
        user.put("created_at", "yesterday");

        assertThat(schemas.violations("User", json(user))).singleElement(STRING).contains("$.created_at");
    }

    @Test
    void a_user_with_a_malformed_email_fails() {
        Map<String, Object> user = user("u-1");
        user.put("email", "not-an-email");

        assertThat(schemas.violations("User", json(user))).singleElement(STRING).contains("$.email");
    }

    @Test
    void a_user_id_is_opaque_and_need_not_be_a_uuid() {
        assertThat(schemas.violations("User", json(user("42")))).isEmpty();
    }

    // ---- pages ----------------------------------------------------------------

    @Test
    void a_user_page_with_two_users_passes() {
        assertThat(schemas.violations("UserPage", json(page(List.of(user("u-1"), user("u-2")))))).isEmpty();
    }

    @Test
    void a_user_page_whose_second_item_lacks_id_fails_at_that_item() {
        Map<String, Object> second = user("u-2");
        second.remove("id");

        assertThat(schemas.violations("UserPage", json(page(List.of(user("u-1"), second)))))
                .singleElement(STRING)
                .contains("UserPage $.data[1]").contains("'id'").contains("required");
    }

    @Test
    void a_user_page_with_page_zero_fails() {
        Map<String, Object> page = page(List.of(user("u-1")));
        page.put("page", 0);

        assertThat(schemas.violations("UserPage", json(page))).singleElement(STRING).contains("$.page");
    }

    // ---- errors and tokens -------------------------------------------------------

    @Test
    void a_fastapi_validation_error_passes() {
        String body = """
                {"detail": [
                  {"type": "string_too_short", "loc": ["body", "username"],
                   "msg": "String should have at least 3 characters", "input": "ab",
                   "ctx": {"min_length": 3}, "url": "https://errors.pydantic.dev/2.9/v/string_too_short"},
                  {"type": "missing", "loc": ["body", 0, "email"], "msg": "Field required", "input": {}}
                ]}""";

        assertThat(schemas.violations("ValidationError", body)).isEmpty();
    }

    @Test
    void a_validation_error_whose_detail_is_a_string_fails() {
        assertThat(schemas.violations("ValidationError", "{\"detail\": \"bad\"}")).isNotEmpty();
    }

    @Test
    void a_token_pair_with_token_type_Bearer_in_the_wrong_case_fails() {
        String body = """
                {"access_token": "a.b.c", "refresh_token": "d.e.f", "token_type": "Bearer", "expires_in": 1800}""";

        assertThat(schemas.violations("TokenPair", body))
                .singleElement(STRING)
                .contains("$.token_type").contains("const");
    }

    @Test
    void a_body_that_is_not_json_is_one_violation() {
        assertThat(schemas.violations("Error", "<html>502</html>"))
                .singleElement(STRING).contains("not valid JSON");
        assertThat(schemas.violations("Error", "")).singleElement(STRING).contains("empty");
    }

    @Test
    void an_unknown_schema_name_is_rejected_with_the_known_names() {
        assertThatThrownBy(() -> schemas.violations("Usr", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Usr'")
                .hasMessageContaining("User")
                .hasMessageContaining("UserPage");
    }

    @Test
    void every_schema_the_harness_relies_on_is_in_the_document() {
        assertThat(schemas.schemaNames()).contains(
                "Health", "RegisterRequest", "RegisterResponse", "LoginRequest", "TokenPair",
                "RefreshRequest", "Message", "User", "UserCreate", "UserUpdate", "UserPage",
                "FileMetadata", "FilePage", "TenantList", "Tenant", "Stats", "Error", "ValidationError");
    }

    @Test
    void every_ref_in_the_document_points_at_an_existing_node() {
        JsonNode document = ContractDocument.read();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
        });
    }

    // ---- inventory ------------------------------------------------------------------

    @Test
    void the_inventory_holds_exactly_the_17_calls_of_the_contract() {
        // CONTRACT.md: health 1 + auth 4 + users 6 + files 4 + admin 2.
        assertThat(ContractOperations.all())
                .extracting(op -> op.method() + " " + op.pathTemplate())
                .hasSize(17)
                .containsExactlyInAnyOrder(
                        "GET /health",
                        "POST /auth/register",
                        "POST /auth/login",
                        "POST /auth/refresh",
                        "POST /auth/logout",
                        "GET /api/v1/users",
                        "POST /api/v1/users",
                        "POST /api/v1/users/bulk",
                        "GET /api/v1/users/{user_id}",
                        "PUT /api/v1/users/{user_id}",
                        "DELETE /api/v1/users/{user_id}",
                        "POST /api/v1/files/upload",
                        "GET /api/v1/files",
                        "GET /api/v1/files/{file_id}",
                        "DELETE /api/v1/files/{file_id}",
                        "GET /api/v1/admin/tenants",
                        "GET /api/v1/admin/stats");
        assertThat(ContractOperations.all()).extracting(Operation::operationId).doesNotHaveDuplicates();
    }

    @Test
    void a_concrete_user_path_matches_get_user_with_its_statuses() {
        Operation op = ContractOperations.match("GET", "/api/v1/users/123").orElseThrow();

        assertThat(op.operationId()).isEqualTo("getUser");
        assertThat(op.pathTemplate()).isEqualTo("/api/v1/users/{user_id}");
        assertThat(op.statuses()).contains(200, 401, 404, 429);
    }

    @Test
    void the_literal_bulk_path_wins_over_the_user_id_template() {
        assertThat(ContractOperations.match("POST", "/api/v1/users/bulk"))
                .map(Operation::operationId).contains("bulkCreateUsers");
        // No GET on /bulk is documented: a router sends it to {user_id}, and so does match.
        assertThat(ContractOperations.match("get", "/api/v1/users/bulk"))
                .map(Operation::operationId).contains("getUser");
    }

    @Test
    void match_ignores_the_query_and_finds_nothing_for_undocumented_calls() {
        assertThat(ContractOperations.match("GET", "/api/v1/users?page=2&page_size=5"))
                .map(Operation::operationId).contains("listUsers");
        assertThat(ContractOperations.match("PATCH", "/api/v1/users/123")).isEmpty();
        assertThat(ContractOperations.match("GET", "/api/v1/users/123/extra")).isEmpty();
        assertThat(ContractOperations.match("GET", "/api/v1/users/")).isEmpty();
        assertThat(ContractOperations.match("GET", "/openapi.json")).isEmpty();
    }

    @Test
    void the_documented_statuses_follow_the_contract_rules() {
        JsonNode paths = ContractDocument.read().path("paths");
        for (Operation op : ContractOperations.all()) {
            JsonNode node = paths.path(op.pathTemplate()).path(op.method().toLowerCase());
            boolean bearer = node.path("security").toString().contains("bearer");
            String call = op.method() + " " + op.pathTemplate();

            if (bearer) {
                assertThat(op.statuses()).as("%s is a Bearer call", call).contains(401);
            }
            if (op.pathTemplate().startsWith("/api/v1/")) {
                assertThat(bearer).as("%s is protected", call).isTrue();
                assertThat(op.statuses()).as("%s is rate limited", call).contains(429);
            }
            if (op.pathTemplate().contains("{")) {
                assertThat(op.statuses()).as("%s takes an id", call).contains(404);
            }
            if (op.pathTemplate().startsWith("/api/v1/admin/")) {
                assertThat(op.statuses()).as("%s is admin only", call).contains(403);
            }
        }
        assertThat(ContractOperations.match("POST", "/auth/login").orElseThrow().statuses()).contains(200, 401, 403);
        assertThat(ContractOperations.match("POST", "/api/v1/users/bulk").orElseThrow().statuses())
                .contains(201, 400, 409, 422);
        assertThat(ContractOperations.match("POST", "/api/v1/files/upload").orElseThrow().statuses())
                .contains(201, 413, 415, 422);
    }

    // ---- concurrency -------------------------------------------------------------------

    @Test
    void validation_gives_the_same_answers_from_8_threads_at_once() throws Exception {
        String valid = json(page(List.of(user("u-1"), user("u-2"))));
        Map<String, Object> leaky = user("u-3");
        leaky.put("password", "hunter22");
        String invalid = json(page(List.of(user("u-1"), leaky)));
        List<String> expected = schemas.violations("UserPage", invalid);
        assertThat(expected).singleElement(STRING).contains("$.data[1].password");

        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<List<String>>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<List<String>>> task = () -> {
                    start.await();
                    List<List<String>> answers = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        answers.add(ContractSchemas.get().violations("UserPage", i % 2 == 0 ? valid : invalid));
                    }
                    return answers;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<List<List<String>>> result : results) {
                List<List<String>> answers = result.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < answers.size(); i++) {
                    assertThat(answers.get(i)).isEqualTo(i % 2 == 0 ? List.of() : expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    private static Map<String, Object> user(String id) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("tenant_id", "t-1");
        user.put("username", "alice_" + id);
        user.put("email", "alice." + id + "@example.com");
        user.put("full_name", "Alice Example");
        user.put("role", "user");
        user.put("created_at", "2026-11-21T09:44:56Z");
        user.put("updated_at", "2026-11-21T09:44:56+00:00");
        user.put("is_active", true);
        return user;
    }

    private static Map<String, Object> page(List<Map<String, Object>> users) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", users);
        page.put("page", 1);
        page.put("page_size", 20);
        page.put("total_count", users.size());
        page.put("has_next", false);
        page.put("has_prev", false);
        return page;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                refs.add(ref.asText());
            }
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
