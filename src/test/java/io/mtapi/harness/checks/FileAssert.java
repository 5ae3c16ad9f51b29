package io.mtapi.harness.checks;

import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.fixtures.Caller;
import io.mtapi.harness.fixtures.Tenant;
import org.assertj.core.api.AbstractAssert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Assertions on file metadata (CONTRACT.md section 5).
 *
 * <pre>{@code
 * assertThat(metadata).describes(sample).belongsTo(tenant).uploadedBy(tenant.admin()).uploadedBetween(before, after);
 * }</pre>
 */
public final class FileAssert extends AbstractAssert<FileAssert, FileMetadata> {

    /** How far the target's clock may be from ours before "uploaded just now" is doubted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    FileAssert(FileMetadata actual) {
        super(actual, FileAssert.class);
    }

    /** filename as sent, content_type the declared media type, size_bytes the bytes sent. */
    public FileAssert describes(SampleFile sent) {
        isNotNull();
        if (!Objects.equals(actual.filename(), sent.filename())) {
            failWithMessage("the file's filename must be the one uploaded (another filename)%n  expected <%s>, got <%s>",
                    sent.filename(), actual.filename());
        }
        if (!MediaTypes.essence(actual.contentType()).equals(MediaTypes.essence(sent.contentType()))) {
            failWithMessage("the file's content_type must be the declared type (another type)%n  expected <%s> for %s, "
                    + "got <%s>", sent.contentType(), sent.filename(), actual.contentType());
        }
        return hasSize(sent.size());
    }

    /** size_bytes = the bytes sent. */
    public FileAssert hasSize(long bytesSent) {
        isNotNull();
        if (actual.sizeBytes() == null || actual.sizeBytes() != bytesSent) {
            failWithMessage("the file's size_bytes must be the bytes sent%n  expected <%d> for %s, got <%s>",
                    bytesSent, actual.filename(), actual.sizeBytes());
        }
        return this;
    }

    public FileAssert belongsTo(Tenant tenant) {
        isNotNull();
        if (!Objects.equals(actual.tenantId(), tenant.id())) {
            failWithMessage("a file must belong to the uploader's tenant (another tenant_id)%n  file %s of %s has "
                    + "tenant_id <%s>", actual.filename(), tenant, actual.tenantId());
        }
        return this;
    }

    public FileAssert uploadedBy(Caller uploader) {
        isNotNull();
        if (!Objects.equals(actual.uploadedBy(), uploader.account().userId())) {
            failWithMessage("a file's uploaded_by must be the uploader's id%n  expected <%s> (%s, who uploaded %s), got <%s>",
                    uploader.account().userId(), uploader.account().username(), actual.filename(), actual.uploadedBy());
        }
        return this;
    }

    /** uploaded_at within the time the upload took, give or take {@link #CLOCK_SKEW} of clock skew. */
    public FileAssert uploadedBetween(Instant sentAt, Instant answeredAt) {
        isNotNull();
        Instant uploadedAt = actual.uploadedAt() == null ? null : actual.uploadedAt().toInstant();
        if (uploadedAt == null || uploadedAt.isBefore(sentAt.minus(CLOCK_SKEW))
                || uploadedAt.isAfter(answeredAt.plus(CLOCK_SKEW))) {
            failWithMessage("a file's uploaded_at must be the time of the upload, give or take %s%n  %s: expected %s to "
                    + "%s, got <%s>", CLOCK_SKEW, actual.filename(), sentAt, answeredAt, actual.uploadedAt());
        }
        return this;
    }
}
