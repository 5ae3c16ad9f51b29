package io.mtapi.harness.api;

import java.time.OffsetDateTime;

/** The contract's User object (CONTRACT.md section 3). */
public record User(String id, String tenantId, String username, String email, String fullName, String role,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt, Boolean isActive) {
}
