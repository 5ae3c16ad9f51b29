package io.mtapi.harness.suites.files;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractGap;
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

import java.util.Map;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(9)
@Tag(Tags.FILES)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Files")
@DisplayName("Upload edge cases: size limit, empty files, file names, type parameters")
class UploadEdgeCaseTest {

    @Test
    @Story("Size limit")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A file of exactly the size limit is accepted (201, size_bytes = limit) and downloads byte-identical")
    @Covers({"§5 POST /api/v1/files/upload 201", "§5 POST /api/v1/files/upload 413", "§5 GET /api/v1/files/{id} 200"})
    void fileOfExactlyTheLimitIsAccepted(ApiTarget target, Tenant tenant) {
        long limit = target.config().maxFileBytes();
        SampleFile atLimit = SampleFiles.ofSize(limit, FileTypes.forLargeFiles(target));

        ApiResponse upload = tenant.files().upload(atLimit);

        assertThat(upload).as("upload of exactly the size limit of %d bytes", limit).isCreated();
        FileMetadata stored = upload.as(FileMetadata.class);
        assertThat(stored).as("metadata of the file at the size limit").hasSize(limit);
        assertThat(tenant.files().download(stored.id())).as("download of the file at the size limit")
                .isOk().hasContentOf(atLimit);
    }

    @Test
    @Story("Empty file")
    @Severity(SeverityLevel.MINOR)
    @DisplayName("An empty file is either stored with size_bytes 0 and downloads empty (201), or rejected (422) and not stored")
    @Covers({"§5 POST /api/v1/files/upload 201", "§5 POST /api/v1/files/upload 422"})
    void emptyFileIsStoredEmptyOrRejected(Tenant tenant) {
        // The contract does not say whether zero bytes is "no file": both readings are accepted.
        SampleFile empty = SampleFiles.empty();

        ApiResponse upload = tenant.files().upload(empty);

        assertThat(upload).as("upload of an empty file").hasStatusIn(201, 422);
        if (upload.status() == 201) {
            FileMetadata stored = upload.as(FileMetadata.class);
            assertThat(stored).as("metadata of the empty file").describes(empty);
            assertThat(tenant.files().download(stored.id())).as("download of the empty file")
                    .isOk().hasContentOf(empty);
        } else {
            assertThat(upload).as("rejection of an empty file").isValidationError();
            assertThat(tenant.files().listed(Map.of("page_size", 100)).data())
                    .as("files of the tenant after the rejected empty upload: not the empty one")
                    .extracting(FileMetadata::filename).doesNotContain(empty.filename());
        }
    }

    /**
     * File names a careful user or an attacker sends. Ordinary ones must survive as sent;
     * hostile ones may be rejected (4xx) or cleaned, but never break the server, never keep
     * a path, and never reach the download's header unescaped.
     */
    enum FileName {
        SPACES(true, () -> "quarterly report " + RunId.unique() + " final.txt"),
        UNICODE(true, () -> "résumé 2026 – 東京 " + RunId.unique() + ".txt"),
        PATH_TRAVERSAL(false, () -> "../../etc/passwd"),
        MIXED_SEPARATORS(false, () -> "a/b\\c-" + RunId.unique() + ".txt"),
        QUOTES(false, () -> "say \"hi\" " + RunId.unique() + ".txt"),
        HEADER_INJECTION(false, () -> "report-" + RunId.unique() + ".txt\r\nX-Injected: yes");

        private final boolean ordinary;
        private final Supplier<String> name;

        FileName(boolean ordinary, Supplier<String> name) {
            this.ordinary = ordinary;
            this.name = name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FileName.class)
    @Story("File names")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A file name with spaces, unicode, path or header characters is stored safely or rejected (4xx), never a 5xx")
    @Covers({"§5 POST /api/v1/files/upload 201", "§5 GET /api/v1/files/{id} 200",
            "OWASP API8:2023 Security Misconfiguration"})
    void fileNameIsStoredSafelyOrRejected(FileName variant, Tenant tenant) {
        SampleFile sample = SampleFiles.text().named(variant.name.get());

        ApiResponse upload = tenant.files().upload(sample);

        assertThat(upload).as("upload of a file named with %s", variant).isCreatedOrClientError();
        if (upload.status() != 201) {
            return; // a 4xx refusal of an odd name is allowed; the check above made sure it is not a 5xx
        }
        FileMetadata stored = upload.as(FileMetadata.class);
        if (variant.ordinary) {
            assertThat(stored.filename()).as("stored name of a file named with %s (an ordinary name, kept as sent)", variant)
                    .isEqualTo(sample.filename());
        }
        assertThat(stored.filename()).as("stored name of a file named with %s (no path may survive)", variant)
                .isNotBlank().doesNotContain("/", "\\", "..").doesNotContainPattern("\\p{Cntrl}");
        assertThat(tenant.files().download(stored.id())).as("download of a file named with %s", variant)
                .isOk().hasContentOf(sample).isAttachmentNamed(stored.filename());
    }

    @Test
    @ContractGap(value = "uploadTypeParameters", reason = "text/plain; charset=utf-8 is the allowed media type "
            + "text/plain with a parameter; a 415 for it rejects clients (curl, some browsers) that label text "
            + "with its encoding")
    @Story("File type")
    @Severity(SeverityLevel.MINOR)
    @DisplayName("A declared type that differs from an allowed one only by a parameter (text/plain; charset=utf-8) is accepted")
    @Covers({"§5 POST /api/v1/files/upload 201", "§5 GET /api/v1/files/{id} 200"})
    void allowedTypeWithCharsetParameterIsAccepted(Tenant tenant) {
        SampleFile sample = SampleFiles.text().declaredAs("text/plain; charset=utf-8");

        ApiResponse upload = tenant.files().upload(sample);

        assertThat(upload).as("upload declared as text/plain; charset=utf-8").isCreated();
        FileMetadata stored = upload.as(FileMetadata.class);
        assertThat(stored).as("metadata of the upload declared with a charset").describes(sample);
        assertThat(tenant.files().download(stored.id())).as("download of the upload declared with a charset")
                .isOk().hasContentOf(sample).hasMediaType("text/plain");
    }
}
