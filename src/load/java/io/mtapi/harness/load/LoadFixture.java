package io.mtapi.harness.load;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.Proxy;
import io.mtapi.harness.config.Secrets;
import io.mtapi.harness.data.RunId;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.LoadSession;
import io.mtapi.harness.fixtures.LoadTenant;
import io.restassured.specification.ProxySpecification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.gatling.javaapi.http.HttpDsl.Proxy;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * What a simulation needs from the harness, opened in the simulation's constructor, before Gatling's
 * measured window: the settings ({@link LoadSettings}), the target session ({@link LoadSession}: config,
 * embedded reference, preflight, protected-environment refusal), the tenants and callers provisioned in
 * bulk, and Gatling's HTTP protocol for that target. {@link #close()} (from the simulation's
 * {@code after()}) cleans up and records the run for the report step.
 *
 * <p>Any failure before the load is written as a broken run ({@code run.json}) and ends Gatling's JVM, so
 * {@code bin/load} exits 2 with its one message (run with Gatling's default fork, not {@code gatling.sameProcess}).
 */
final class LoadFixture implements AutoCloseable {

    /** Feeder keys of a caller (see {@link #callers()}). */
    static final String ACCESS_TOKEN = "accessToken";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String CALLER_ID = "callerId";
    static final String ADMIN = "admin";
    static final String TENANT = "tenant";

    private final LoadSettings settings;
    private final LoadSession session;
    private final List<LoadTenant> tenants;
    private final Path outputDir;
    private LoadRun run;

    private LoadFixture(LoadSettings settings, LoadSession session, List<LoadTenant> tenants, Path outputDir) {
        this.settings = settings;
        this.session = session;
        this.tenants = tenants;
        this.outputDir = outputDir;
    }

    /**
     * @param planned the requests per second per endpoint that the workload's plan injects, for this many callers
     */
    static LoadFixture open(Workload workload, PlannedLoad planned) {
        Function<String, Optional<String>> properties = key -> Optional.ofNullable(System.getProperty(key));
        Path outputDir = outputDir();
        String env = System.getProperty("env", "?");
        LoadSession session = null;
        try {
            LoadSettings settings = LoadSettings.load(properties, workload);
            env = settings.env();
            session = LoadSession.open(properties, settings.provisioningParallelism());
            LoadSettings.Plan plan = settings.plan();
            long start = System.nanoTime();
            List<LoadTenant> tenants = session.provision(plan.tenants(), plan.membersPerTenant(), plan.dataUsersPerTenant());
            long provisioning = (System.nanoTime() - start) / 1_000_000;
            LoadFixture fixture = new LoadFixture(settings, session, tenants, outputDir);
            int callers = fixture.callerCount();
            fixture.run = new LoadRun(workload.key(), settings.env(), RunId.value(), session.baseUrl().toString(),
                    session.version(), planned.describe(settings, callers, tenants.size(), session.membersCanAct()),
                    callers, planned.requestsPerSecond(settings, tenants.size(), callers - tenants.size()), provisioning, 0, List.of(),
                    false, false, null);
            fixture.run.write(outputDir);
            System.out.println("Provisioned " + tenants.size() + " tenant(s) and " + callers + " caller(s) in "
                    + provisioning + " ms, outside the measured window");
            return fixture;
        } catch (RuntimeException e) {
            LoadRun broken = LoadRun.broken(workload.key(), env, String.valueOf(e.getMessage()));
            broken.write(outputDir);
            if (session != null) {
                session.close(); // what provisioning registered before it failed
            }
            System.err.println("Load run not started: " + broken.reason());
            // This JVM is Gatling's fork and exists for this run only: ending it here spares the reader Gatling's
            // stack trace of a failure that has one message. The report step turns the record into exit 2.
            System.exit(2);
            throw e;
        }
    }

    /** {@code load.outputDir} (the load profile's build directory), else {@code target/load}. */
    static Path outputDir() {
        return Path.of(System.getProperty("load.outputDir", "target/load"));
    }

    LoadSettings settings() {
        return settings;
    }

    /**
     * The run's client settings in Gatling's terms: plain HTTP/1.1 (Gatling sends no h2c upgrade, and HTTP/2
     * only when asked), the proxy the harness's clients use for this target, JSON accepted, and no warm-up
     * request to an outside host (Gatling's default warm-up calls gatling.io). TLS trust is Gatling's own,
     * JVM-wide: see TESTING_STRATEGY.md ("Load and latency tier").
     */
    HttpProtocolBuilder protocol() {
        HttpProtocolBuilder protocol = http.baseUrl(session.baseUrl().toString())
                .acceptHeader("application/json")
                .userAgentHeader("mtapi-contract-harness load tier (Gatling)")
                .disableWarmUp();
        Optional<ProxySpecification> proxy = session.proxy();
        if (proxy.isPresent()) {
            ProxySpecification spec = proxy.get();
            Proxy gatlingProxy = Proxy(spec.getHost(), spec.getPort());
            protocol = protocol.proxy(spec.getUsername() == null ? gatlingProxy
                    : gatlingProxy.credentials(spec.getUsername(), spec.getPassword()));
        }
        return protocol;
    }

    int callerCount() {
        return tenants.stream().mapToInt(t -> t.callers().size()).sum();
    }


    /**
     * One feeder record per caller, admins and members of every tenant interleaved: its tokens, its id,
     * whether it is its tenant's admin, and its {@link LoadTenant} (ids to read, the clean-up's tracker).
     */
    List<Map<String, Object>> callerRecords() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (LoadTenant tenant : tenants) {
            for (Account caller : tenant.callers()) {
                Map<String, Object> record = new HashMap<>();
                record.put(ACCESS_TOKEN, caller.accessToken());
                record.put(REFRESH_TOKEN, caller.tokens().refreshToken() == null ? "" : caller.tokens().refreshToken());
                record.put(CALLER_ID, caller.userId());
                record.put(ADMIN, caller == tenant.admin());
                record.put(TENANT, tenant);
                records.add(record);
            }
        }
        return records;
    }

    /** Each caller once: a virtual user per caller. */
    Iterator<Map<String, Object>> callers() {
        return callerRecords().iterator();
    }

    /** The callers over and over, for workloads with several virtual users per caller. */
    Iterator<Map<String, Object>> callersCircular() {
        List<Map<String, Object>> records = callerRecords();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public synchronized Map<String, Object> next() {
                return records.get(next++ % records.size());
            }
        };
    }

    /** Cleans up the tenants (files deleted, users and admins deactivated), stops the embedded target, records the run. */
    @Override
    public void close() {
        long start = System.nanoTime();
        session.close();
        long cleanup = (System.nanoTime() - start) / 1_000_000;
        run = run.cleanedUp(cleanup, session.leftovers());
        run.write(outputDir);
        System.out.println("Cleaned up in " + cleanup + " ms; leftovers: " + run.leftovers().size());
    }

    /** What a workload's plan injects, for the summary and the throughput check. */
    interface PlannedLoad {

        /** One line: tenants, callers, pace or burst, duration. */
        String describe(LoadSettings settings, int callers, int tenants, boolean membersAct);

        /**
         * Request name to planned requests per second; empty where the plan sets no rate.
         *
         * @param admins  callers that are their tenant's admin (only they hold refresh tokens)
         * @param members the other callers
         */
        Map<String, Double> requestsPerSecond(LoadSettings settings, int admins, int members);

        /** "4 tenants x 3 callers (admin and members)": who sends the load. */
        static String callers(int callers, int tenants, boolean membersAct) {
            return tenants + (tenants == 1 ? " tenant x " : " tenants x ") + callers / tenants + " callers ("
                    + (membersAct ? "admin and members" : "admin only: members need " + Secrets.INITIAL_PASSWORD + " or "
                    + Secrets.JWT_SECRET) + ")";
        }
    }
}
