package io.mtapi.harness.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@code bin/load bulk}: every caller at once sends {@link LoadSettings#bulksPerCaller()}
 * {@code POST /api/v1/users/bulk} of {@code load.bulk.batchSize} users from the data factory, one after
 * the other: concurrent bulk creations across tenants and callers, inside each caller's budget. What
 * they create is deactivated by the clean-up. The plan sets no rate, so throughput is reported, not judged.
 */
public class BulkSimulation extends Simulation {

    private final LoadFixture load = LoadFixture.open(Workload.BULK, new Plan());

    {
        LoadSettings settings = load.settings();
        ScenarioBuilder creators = scenario("bulk")
                .feed(load.callers())
                .repeat(settings.bulksPerCaller()).on(Requests.bulkCreate(settings.plan().batchSize()));
        setUp(creators.injectOpen(atOnceUsers(load.callerCount())))
                .protocols(load.protocol())
                .maxDuration(Duration.ofMinutes(2));
    }

    @Override
    public void after() {
        load.close();
    }

    static final class Plan implements LoadFixture.PlannedLoad {

        @Override
        public String describe(LoadSettings s, int callers, int tenants, boolean membersAct) {
            return String.format(Locale.ROOT, "%s at once, %d bulk creations of %d users each per caller",
                    LoadFixture.PlannedLoad.callers(callers, tenants, membersAct), s.bulksPerCaller(), s.plan().batchSize());
        }

        @Override
        public Map<String, Double> requestsPerSecond(LoadSettings s, int admins, int members) {
            return Map.of();
        }
    }
}
