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
            failWithMessage("expected filename <%s> as uploaded, got <%s>", sent.filename(), actual.filename());
        }
        if (!MediaTypes.essence(actual.contentType()).equals(MediaTypes.essence(sent.contentType()))) {
            failWithMessage("expected content_type <%s> as declared for %s, got <%s>",
                    sent.contentType(), sent.filename(), actual.contentType());
        }
        return hasSize(sent.size());
    }

    /** size_bytes = the bytes sent. */
    public FileAssert hasSize(long bytesSent) {
        isNotNull();
        if (actual.sizeBytes() == null || actual.sizeBytes() != bytesSent) {
            failWithMessage("expected size_bytes <%d> (the bytes sent) for %s, got <%s>",
                    bytesSent, actual.filename(), actual.sizeBytes());
        }
        return this;
    }

    public FileAssert belongsTo(Tenant tenant) {
        isNotNull();
        if (!Objects.equals(actual.tenantId(), tenant.id())) {
            failWithMessage("expected file %s to belong to %s (the uploader's tenant), but its tenant_id is <%s>",
                    actual.filename(), tenant, actual.tenantId());
        }
        return this;
    }

    public FileAssert uploadedBy(Caller uploader) {
        isNotNull();
        if (!Objects.equals(actual.uploadedBy(), uploader.account().userId())) {
            failWithMessage("expected uploaded_by <%s> (%s, who uploaded %s), got <%s>",
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
            failWithMessage("expected uploaded_at of %s at the time of the upload (%s to %s, give or take %s), got <%s>",
                    actual.filename(), sentAt, answeredAt, CLOCK_SKEW, actual.uploadedAt());
        }
        return this;
    }
}
