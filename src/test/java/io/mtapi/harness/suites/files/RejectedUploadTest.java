package io.mtapi.harness.suites.files;

import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.fixtures.ApiTarget;
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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Uploads the contract rejects. Each test judges only its own effect: the files that appeared in
 * the tenant while its upload was refused, which also catches a rejected file kept under another
 * name. The tests run one at a time, so what appeared is theirs; a file an earlier test kept by
 * mistake fails that test alone.
 */
@ContractTest
@Tag(Tags.FILES)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Files")
@DisplayName("Rejected uploads")
@Execution(ExecutionMode.SAME_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Seven tests, one after another on the class's tenant: each one's last listing is the next one's snapshot,
// so the class lists the tenant's files 8 times, not 14, inside one rate-limit budget of GET /api/v1/files.
@CallsPerBudget(8)
class RejectedUploadTest {

    /** The tenant's file ids at the last listing of this class, or null before the first. */
    private Set<String> lastListed;

    /** Types outside the contract's list; HTML and SVG would be stored XSS if served back. */
    enum Disallowed {
        WINDOWS_EXECUTABLE(SampleFiles::disallowed),
        HTML(() -> SampleFile.inMemory("page-" + RunId.unique() + ".html", "text/html",
                "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8))),
        SVG(() -> SampleFile.inMemory("drawing-" + RunId.unique() + ".svg", "image/svg+xml",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8))),
        OCTET_STREAM(() -> SampleFiles.of("application/pdf").declaredAs("application/octet-stream"));

        private final Supplier<SampleFile> sample;

        Disallowed(Supplier<SampleFile> sample) {
            this.sample = sample;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Disallowed.class)
    @Story("File type")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A type outside the allowed list is rejected (415) and nothing is stored")
    @Covers({"§5 POST /api/v1/files/upload 415", "OWASP API8:2023 Security Misconfiguration"})
    void disallowedTypeIsRejected(Disallowed variant, ApiTarget target, Tenant tenant) {
        SampleFile sample = variant.sample.get();
        assumeFalse(target.config().allowedTypes().contains(sample.contentType()),
                () -> "env '" + target.config().env() + "' allows " + sample.contentType());

        Set<String> before = fileIds(tenant);

        assertThat(tenant.files().upload(sample)).as("upload of a %s file (%s)", sample.contentType(), variant)
                .hasStatus(415).hasErrorDetail();

        assertNothingStored(tenant, before, "upload of a type outside the allowed list");
    }

    @Test
    @Story("Size limit")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A file one byte over the size limit is rejected (413) and nothing is stored")
    @Covers({"§5 POST /api/v1/files/upload 413", "OWASP API4:2023 Unrestricted Resource Consumption"})
    void fileOneByteOverTheLimitIsRejected(ApiTarget target, Tenant tenant) {
        long limit = target.config().maxFileBytes();
        SampleFile tooLarge = SampleFiles.ofSize(limit + 1, FileTypes.forLargeFiles(target));

        Set<String> before = fileIds(tenant);

        assertThat(tenant.files().upload(tooLarge)).as("upload of %d bytes, one over the limit of %d", limit + 1, limit)
                .hasStatus(413).hasErrorDetail();

        assertNothingStored(tenant, before, "upload over the size limit");
    }

    @Test
    @Story("Missing file")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A multipart upload without the file part is rejected (422) and nothing is stored")
    @Covers("§5 POST /api/v1/files/upload 422")
    void uploadWithoutFilePartIsRejected(Tenant tenant) {
        Set<String> before = fileIds(tenant);

        assertThat(tenant.files().uploadWithoutFilePart()).as("upload without a 'file' part").isValidationError();

        assertNothingStored(tenant, before, "upload without a 'file' part");
    }

    @Test
    @Story("Missing file")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A file sent under another form field than 'file' is rejected (422) and nothing is stored")
    @Covers("§5 POST /api/v1/files/upload 422")
    void fileUnderAnotherFieldNameIsRejected(Tenant tenant) {
        SampleFile sample = SampleFiles.text();
        Set<String> before = fileIds(tenant);

        assertThat(tenant.files().upload("document", sample)).as("upload of a file in form field 'document'")
                .isValidationError();

        assertNothingStored(tenant, before, "upload in form field 'document'");
    }

    /** The tenant's files before a test: the listing the previous test of the class ended with, if any. */
    private Set<String> fileIds(Tenant tenant) {
        if (lastListed == null) {
            lastListed = ids(tenant.files().listed(Map.of("page_size", 100)));
        }
        return lastListed;
    }

    private static Set<String> ids(Page<FileMetadata> files) {
        return files.data().stream().map(FileMetadata::id).collect(Collectors.toSet());
    }

    /** No file appeared since the snapshot: a rejected upload stores nothing, under no name. */
    private void assertNothingStored(Tenant tenant, Set<String> before, String rejected) {
        Page<FileMetadata> files = tenant.files().listed(Map.of("page_size", 100));
        lastListed = ids(files);
        assertThat(files.data()).as("files that appeared in the tenant with the rejected %s: a rejected upload "
                        + "stores nothing", rejected)
                .filteredOn(file -> !before.contains(file.id()))
                .extracting(FileMetadata::filename).isEmpty();
        assertThat(files.totalCount()).as("total_count of the tenant's files after the rejected %s: as before", rejected)
                .isEqualTo(before.size());
    }
}
