package io.mtapi.harness.suites.files;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
import io.mtapi.harness.fixtures.Other;
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

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(5)
@Tag(Tags.FILES)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Files")
@DisplayName("File listing and deletion")
class FileLifecycleTest {

    @Test
    @Story("List files")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("GET /api/v1/files lists the caller's tenant's files only, each as uploaded (200)")
    @Covers({"§5 GET /api/v1/files 200", "OWASP API1:2023 BOLA"})
    void listingHoldsOwnTenantsFilesOnly(Tenant tenant, @Other Tenant other) {
        FileMetadata ours = tenant.files().uploaded(SampleFiles.text());
        FileMetadata theirs = other.files().uploaded(SampleFiles.text());

        ApiResponse response = tenant.files().list(Map.of("page_size", 100));

        assertThat(response).as("a tenant's admin lists its files").isOk();
        Page<FileMetadata> page = response.as(new TypeReference<Page<FileMetadata>>() { });
        assertThat(page).hasConsistentMetadata();
        assertThat(page.data()).as("files listed for tenant A: its file as uploaded, not tenant B's")
                .contains(ours)
                .extracting(FileMetadata::id).doesNotContain(theirs.id());
        assertThat(page.data()).as("tenant_id of every file listed for tenant A: A's")
                .extracting(FileMetadata::tenantId).containsOnly(tenant.id());
    }

    @Test
    @Story("Delete file")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("DELETE /api/v1/files/{id} answers 204; afterwards the file is gone: download 404, delete 404, not listed")
    @Covers({"§5 DELETE /api/v1/files/{id} 204", "§5 DELETE /api/v1/files/{id} 404", "§5 GET /api/v1/files/{id} 404"})
    void deletedFileIsGone(Tenant tenant) {
        FileMetadata file = tenant.files().uploaded(SampleFiles.text());

        assertThat(tenant.files().delete(file.id())).as("an admin deletes a file of its tenant").isNoContent();

        assertThat(tenant.files().download(file.id())).as("download of the file after its delete")
                .hasStatus(404);
        assertThat(tenant.files().delete(file.id())).as("second delete of the file")
                .hasStatus(404);
        assertThat(tenant.files().listed(Map.of("page_size", 100)).data())
                .as("files listed after the delete: not the deleted one")
                .extracting(FileMetadata::id).doesNotContain(file.id());
    }

    @Test
    @Story("Upload and download")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A member's upload names the member in uploaded_by and is the tenant's: its admin downloads it")
    @Covers({"§5 POST /api/v1/files/upload 201", "§5 GET /api/v1/files/{id} 200"})
    void memberUploadIsAttributedToTheMemberAndSharedInTheTenant(Member member) {
        SampleFile sample = SampleFiles.of("text/csv");

        ApiResponse upload = member.files().upload(sample);

        assertThat(upload).as("upload of a %s file by a member", sample.contentType()).isCreated();
        FileMetadata stored = upload.as(FileMetadata.class);
        assertThat(stored).as("metadata of the member's upload")
                .describes(sample).belongsTo(member.tenant()).uploadedBy(member);
        assertThat(member.tenant().files().download(stored.id()))
                .as("download by the tenant's admin of a file its member uploaded")
                .isOk().hasContentOf(sample);
    }

    /** Queries GET /api/v1/files must refuse (CONTRACT.md section 4: page starts at 1, page_size at least 1). */
    enum BadQuery {
        PAGE_ZERO(Map.of("page", 0)),
        PAGE_SIZE_ZERO(Map.of("page_size", 0)),
        PAGE_NOT_A_NUMBER(Map.of("page", "first"));

        private final Map<String, ?> query;

        BadQuery(Map<String, ?> query) {
            this.query = query;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadQuery.class)
    @Story("List files")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/files with a query out of range answers 422")
    @Covers({"§5 GET /api/v1/files 422", "§4 pagination"})
    void listingRejectsBadQuery(BadQuery bad, Tenant tenant) {
        assertThat(tenant.files().list(bad.query)).as("GET /api/v1/files with %s", bad.query).isValidationError();
    }
}
