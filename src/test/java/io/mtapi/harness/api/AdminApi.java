package io.mtapi.harness.api;

import io.restassured.specification.RequestSpecification;

/** {@code /api/v1/admin/*}: calls about the whole system, for role admin only. */
public final class AdminApi {

    private final Calls calls;

    public AdminApi(RequestSpecification spec) {
        this.calls = new Calls(spec);
    }

    public ApiResponse tenants() {
        return calls.send("GET", "/api/v1/admin/tenants", "TenantList");
    }

    public ApiResponse stats() {
        return calls.send("GET", "/api/v1/admin/stats", "Stats");
    }
}
