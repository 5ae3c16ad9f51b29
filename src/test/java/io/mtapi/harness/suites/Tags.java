package io.mtapi.harness.suites;

/** The suite tags, as run with {@code -Dgroups=...}. One package per tag. */
public final class Tags {

    public static final String AUTH = "auth";
    public static final String USERS = "users";
    public static final String TENANT_ISOLATION = "tenant_isolation";
    public static final String CONCURRENCY = "concurrency";
    public static final String FILES = "files";
    public static final String PAGINATION = "pagination";
    public static final String RATE_LIMIT = "rate_limit";
    public static final String RBAC = "rbac";
    public static final String SECURITY = "security";
    public static final String ROBUSTNESS = "robustness";
    public static final String SMOKE = "smoke";
    public static final String TIER1 = "tier1";
    public static final String TIER2 = "tier2";
    public static final String TIER3 = "tier3";

    /** The ten suite tags, one package each (smoke, tiers and contract_gap cut across them). */
    public static final java.util.List<String> SUITES = java.util.List.of(AUTH, USERS, TENANT_ISOLATION, FILES,
            PAGINATION, RATE_LIMIT, RBAC, SECURITY, CONCURRENCY, ROBUSTNESS);

    /** The Allure epic every contract suite belongs to. */
    public static final String EPIC = "Multi-Tenant API contract";

    private Tags() {
    }
}
