package io.mtapi.harness.api;

import java.time.OffsetDateTime;
import java.util.List;

/** 200 body of {@code GET /api/v1/admin/tenants} (CONTRACT.md section 6). */
public record TenantList(List<Entry> tenants, Long total) {

    /** One tenant as the admin listing shows it. */
    public record Entry(String id, String name, OffsetDateTime createdAt, Boolean isActive) {
    }
}
