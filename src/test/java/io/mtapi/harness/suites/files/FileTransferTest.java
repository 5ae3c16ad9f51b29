package io.mtapi.harness.suites.files;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.time.Instant;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(6)
@Tag(Tags.FILES)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Files")
@DisplayName("File upload and download")
class FileTransferTest {

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(AllowedTypes.class)
    @Tag(Tags.SMOKE)
    @Story("Upload and download")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("An allowed type uploads (201, metadata as sent) and downloads byte-identical, as an attachment of the stored type")
    @Covers({"§5 POST /api/v1/files/upload 201", "§5 GET /api/v1/files/{id} 200"})
    void allowedTypeUploadsAndDownloadsByteIdentical(String type, Tenant tenant) {
        SampleFile sample = SampleFiles.of(type);

        Instant sentAt = Instant.now();
        ApiResponse upload = tenant.files().upload(sample);
        Instant answeredAt = Instant.now();

        assertThat(upload).as("upload of a %s file", type).isCreated();
        FileMetadata stored = upload.as(FileMetadata.class);
        assertThat(stored).as("metadata of the uploaded %s file", type)
                .describes(sample).belongsTo(tenant).uploadedBy(tenant.admin()).uploadedBetween(sentAt, answeredAt);

        assertThat(tenant.files().download(stored.id())).as("download of the uploaded %s file", type)
                .isOk()
                .hasContentOf(sample)
                .hasMediaType(sample.contentType())
                .isAttachmentNamed(sample.filename());
    }
}
