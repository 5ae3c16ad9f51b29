package io.mtapi.harness.suites.security;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.RawApi;
import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.Caller;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * What the deployment gives away by its set-up rather than by its code: stack traces and
 * framework internals in error bodies, missing hardening headers, a permissive CORS policy,
 * version banners.
 */
@ContractTest
@CallsPerBudget(3) // POST /api/v1/users by the admin: three unexpected inputs
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API8:2023 Security Misconfiguration")
@DisplayName("API8:2023 Security Misconfiguration")
class SecurityMisconfigurationTest {

    private static final String ATTACKER_ORIGIN = "https://attacker.example";
    /** A version number in a banner: "Jetty(12.0.16)", "uvicorn/0.30", "PHP/8.2". */
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    /** Inputs the API does not expect, each reaching another error path. */
    enum UnexpectedInput {
        MALFORMED_JSON((caller, target) -> caller.raw().send("POST", "/api/v1/users",
                r -> r.contentType("application/json").body("{\"username\": \"x\", "))),
        JSON_ARRAY_FOR_OBJECT((caller, target) -> caller.raw().send("PUT", "/api/v1/users/{id}",
                r -> r.contentType("application/json").body("[1, 2, 3]"), caller.account().userId())),
        DEEPLY_NESTED_JSON((caller, target) -> anonymous(target).send("POST", "/auth/login",
                r -> r.contentType("application/json").body("[".repeat(100_000) + "]".repeat(100_000)))),
        INVALID_UTF8_JSON((caller, target) -> anonymous(target).send("POST", "/auth/register",
                r -> r.contentType("application/json").body(invalidUtf8()))),
        XML_BODY((caller, target) -> caller.raw().send("POST", "/api/v1/users",
                r -> r.contentType("application/xml").body("<user><username>x</username></user>"))),
        NUMBER_FOR_STRING((caller, target) -> caller.raw().send("POST", "/api/v1/users",
                r -> r.contentType("application/json").body("{\"username\": 1e400, \"email\": [], \"full_name\": {}}"))),
        OVERFLOWING_PAGE((caller, target) -> caller.raw().send("GET", "/api/v1/files",
                r -> r.queryParam("page", "99999999999999999999999").queryParam("page_size", "-1"))),
        MULTIPART_WITHOUT_BOUNDARY((caller, target) -> caller.raw().send("POST", "/api/v1/files/upload",
                r -> r.contentType("multipart/form-data").body("--x\r\nnot a part\r\n".getBytes(StandardCharsets.UTF_8)))),
        GARBAGE_BEARER_TOKEN((caller, target) -> new RawApi(target.specs().withAuthorization("Bearer eyJ!!.%%.$$"))
                .send("GET", "/api/v1/users")),
        UNKNOWN_METHOD((caller, target) -> caller.raw().send("PATCH", "/api/v1/users/{id}",
                r -> r.contentType("application/json").body("{}"), caller.account().userId()));

        private final BiFunction<Caller, ApiTarget, ApiResponse> send;

        UnexpectedInput(BiFunction<Caller, ApiTarget, ApiResponse> send) {
            this.send = send;
        }

        private static RawApi anonymous(ApiTarget target) {
            return new RawApi(target.specs().anonymous());
        }

        private static byte[] invalidUtf8() {
            byte[] prefix = "{\"tenant_name\": \"".getBytes(StandardCharsets.UTF_8);
            byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[prefix.length + 3 + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            body[prefix.length] = (byte) 0xC3;
            body[prefix.length + 1] = (byte) 0x28;
            body[prefix.length + 2] = (byte) 0xFF;
            System.arraycopy(suffix, 0, body, prefix.length + 3, suffix.length);
            return body;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnexpectedInput.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API8:2023 Security Misconfiguration — an error caused by unexpected input shows no stack trace, "
            + "exception, framework or SQL internals")
    @Covers({"OWASP API8:2023 Security Misconfiguration", "§1 errors carry a JSON body with detail"})
    void errorsShowNoInternals(UnexpectedInput input, ApiTarget target, Tenant tenant) {
        ApiResponse response = input.send.apply(tenant.admin(), target);

        assertThat(Leaks.internals(response.body()))
                .as("internals in the %d answer to %s (they map the server for an attacker)%n  %s",
                        response.status(), input, response.describe())
                .isEmpty();
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @ContractGap(value = "nosniffOnDownload", reason = "the contract does not require X-Content-Type-Options on "
            + "downloads; without it a browser may sniff an uploaded text file as HTML and run its script "
            + "(stored XSS through the file store)")
    @DisplayName("API8:2023 Security Misconfiguration — a download carries X-Content-Type-Options: nosniff, so "
            + "an uploaded 'text/plain' HTML page is never rendered as HTML")
    @Covers({"OWASP API8:2023 Security Misconfiguration", "§5 GET /api/v1/files/{id} 200 Content-Type = stored type"})
    void downloadsAreNotSniffed(Tenant tenant) {
        SampleFile html = SampleFile.inMemory("notes-" + RunId.unique() + ".txt", "text/plain",
                "<html><body><script>alert(document.domain)</script></body></html>".getBytes(StandardCharsets.UTF_8));
        FileMetadata uploaded = tenant.files().uploaded(html);

        ApiResponse download = tenant.files().download(uploaded.id());

        assertThat(download).as("download of an uploaded text/plain file whose content is HTML").isOk();
        assertThat(download.header("X-Content-Type-Options"))
                .as("X-Content-Type-Options on the download (without nosniff a browser may render it as HTML)")
                .isEqualToIgnoringCase("nosniff");
        assertThat(download.header("Content-Type")).as("Content-Type of the download: the stored type, not HTML")
                .startsWith("text/plain");
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @ContractGap(value = "corsCredentialedAnyOrigin", reason = "the contract says nothing about CORS; allowing "
            + "any origin together with credentials lets any web page act with a visitor's session the day a "
            + "cookie or browser-held credential is added (bearer tokens alone are not sent by browsers)")
    @DisplayName("API8:2023 Security Misconfiguration — CORS does not allow an arbitrary origin together with "
            + "credentials (neither '*' nor the echoed origin with Allow-Credentials: true)")
    @Covers({"OWASP API8:2023 Security Misconfiguration"})
    void corsDoesNotTrustAnyOriginWithCredentials(Tenant tenant) {
        List<ApiResponse> answers = List.of(
                tenant.admin().raw().send("GET", "/api/v1/users", r -> r.header("Origin", ATTACKER_ORIGIN)),
                tenant.admin().raw().send("OPTIONS", "/api/v1/users", r -> r.header("Origin", ATTACKER_ORIGIN)
                        .header("Access-Control-Request-Method", "DELETE")
                        .header("Access-Control-Request-Headers", "authorization")));

        for (ApiResponse answer : answers) {
            String allowOrigin = answer.header("Access-Control-Allow-Origin");
            boolean credentials = "true".equalsIgnoreCase(answer.header("Access-Control-Allow-Credentials"));
            boolean anyOrigin = "*".equals(allowOrigin) || ATTACKER_ORIGIN.equals(allowOrigin);
            assertThat(anyOrigin && credentials)
                    .as("%s from Origin %s answered Access-Control-Allow-Origin: %s with Access-Control-Allow-"
                            + "Credentials: true: any web site may call the API with the visitor's credentials",
                            answer.request(), ATTACKER_ORIGIN, allowOrigin)
                    .isFalse();
        }
    }

    @Test
    @Severity(SeverityLevel.MINOR)
    @ContractGap(value = "serverVersionBanner", reason = "the contract does not forbid banners; a version number "
            + "in Server or X-Powered-By tells an attacker which published vulnerabilities to try (the product "
            + "name alone, like 'uvicorn', is not flagged)")
    @DisplayName("API8:2023 Security Misconfiguration — no answer discloses a server or framework version in "
            + "Server or X-Powered-By")
    @Covers({"OWASP API8:2023 Security Misconfiguration"})
    void noVersionBanner(ApiTarget target, Tenant tenant) {
        List<ApiResponse> answers = List.of(
                target.auth().health(),
                target.auth().login(Map.of("username", "nobody")),
                tenant.users().list(),
                new RawApi(target.specs().anonymous()).send("GET", "/no-such-path-" + UUID.randomUUID()));

        List<String> banners = new ArrayList<>();
        for (ApiResponse answer : answers) {
            for (String header : List.of("Server", "X-Powered-By", "X-AspNet-Version", "X-Runtime", "X-Version")) {
                String value = answer.header(header);
                if (value != null && VERSION.matcher(value).find()) {
                    banners.add(answer.request() + " -> " + header + ": " + value);
                }
            }
        }
        assertThat(banners).as("version banners in answer headers").isEmpty();
    }
}
