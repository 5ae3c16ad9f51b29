package io.mtapi.harness.api;

/** 200 body of {@code GET /api/v1/admin/stats} (CONTRACT.md section 6): counts over the whole system. */
public record AdminStats(Long totalTenants, Long totalUsers, Long totalFiles, Long totalStorageBytes) {
}
