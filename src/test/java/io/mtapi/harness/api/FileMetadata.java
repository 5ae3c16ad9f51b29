package io.mtapi.harness.api;

import java.time.OffsetDateTime;

/** The contract's file metadata (CONTRACT.md section 5). */
public record FileMetadata(String id, String tenantId, String filename, String contentType, Long sizeBytes,
                           String uploadedBy, OffsetDateTime uploadedAt) {
}
