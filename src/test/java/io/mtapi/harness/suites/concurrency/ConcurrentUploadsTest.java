package io.mtapi.harness.suites.concurrency;

import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
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

import java.util.List;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(6)
@Tag(Tags.CONCURRENCY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Concurrency")
@DisplayName("Concurrent uploads")
class ConcurrentUploadsTest {

    @Test
    @Story("Concurrent uploads")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("6 files uploaded concurrently are each stored intact: download gives exactly the bytes uploaded")
    @Covers({"§5 POST /api/v1/files/upload 201 size_bytes = bytes sent", "§5 GET /api/v1/files/{id} 200 exactly the "
            + "bytes uploaded", "§8 concurrent operations and races"})
    void concurrentUploadsAreStoredIntact(Tenant tenant) {
        List<SampleFile> files = List.of(SampleFiles.of("text/plain"), SampleFiles.of("text/csv"),
                SampleFiles.of("image/png"), SampleFiles.of("image/jpeg"), SampleFiles.of("image/gif"),
                SampleFiles.of("application/pdf"));

        List<ApiResponse> responses = Concurrently.run(files, file -> tenant.files().upload(file));

        for (int i = 0; i < files.size(); i++) {
            SampleFile sent = files.get(i);
            assertThat(responses.get(i)).as("upload of a %s file, one of %d concurrent uploads", sent.contentType(), files.size()).isCreated();
            FileMetadata stored = responses.get(i).as(FileMetadata.class);
            assertThat(stored.sizeBytes()).as("size_bytes of a %s file uploaded concurrently with %d others: the bytes "
                    + "sent", sent.contentType(), files.size() - 1).isEqualTo(sent.size());
            ApiResponse download = tenant.files().download(stored.id());
            assertThat(download).as("download of a %s file uploaded concurrently", sent.contentType()).isOk();
            assertThat(SampleFile.sha256(download.bytes())).as("SHA-256 of the download of a %s file (uploaded "
                    + "concurrently with %d others): exactly the bytes uploaded", sent.contentType(), files.size() - 1)
                    .isEqualTo(sent.sha256());
        }
    }
}
