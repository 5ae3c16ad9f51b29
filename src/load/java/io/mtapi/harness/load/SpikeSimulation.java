package io.mtapi.harness.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;

/**
 * {@code bin/load spike}: callers x {@link LoadSettings#burstIterations()} virtual users arrive inside
 * {@code load.spike.window} (a peak, Gatling's {@code stressPeakUsers}), each running one iteration of
 * the mix as one of the provisioned callers in turn. A caller's burst stays inside its rate-limit
 * budgets: a 429 is still a finding. No refreshes: one caller's iterations overlap, and a rotated
 * refresh token could be spent twice.
 */
public class SpikeSimulation extends Simulation {

    private static final String ITERATION = "iteration";

    private final LoadFixture load = LoadFixture.open(Workload.SPIKE, new Plan());

    {
        LoadSettings settings = load.settings();
        ScenarioBuilder burst = scenario("spike")
                .feed(load.callersCircular())
                .repeat(1, ITERATION).on(exec(Requests.iteration(ITERATION)));
        setUp(burst.injectOpen(stressPeakUsers(load.callerCount() * settings.burstIterations()).during(settings.plan().window())))
                .protocols(load.protocol())
                .maxDuration(settings.plan().window().plus(Duration.ofMinutes(1)));
    }

    @Override
    public void after() {
        load.close();
    }

    /** callers x burst iterations inside the window. */
    static final class Plan implements LoadFixture.PlannedLoad {

        @Override
        public String describe(LoadSettings s, int callers, int tenants, boolean membersAct) {
            return String.format(Locale.ROOT, "%s, %d data users each; a peak of %d iterations"
                            + " (%d per caller, of at most %d per %d ms window) inside %d ms",
                    LoadFixture.PlannedLoad.callers(callers, tenants, membersAct), s.plan().dataUsersPerTenant(),
                    callers * s.burstIterations(), s.burstIterations(), s.iterationsPerWindow(),
                    s.rateLimitWindow().toMillis(), s.plan().window().toMillis());
        }

        @Override
        public Map<String, Double> requestsPerSecond(LoadSettings s, int admins, int members) {
            int iterations = (admins + members) * s.burstIterations();
            double seconds = s.plan().window().toMillis() / 1000.0;
            Map<String, Double> planned = new HashMap<>();
            // repeat(1): every virtual user's only iteration has counter 0 and lists; none pages.
            planned.put(Endpoint.LIST_USERS.requestName(), iterations / seconds);
            Requests.ONCE_PER_ITERATION.forEach(each -> planned.put(each.requestName(), iterations / seconds));
            return planned;
        }
    }
}
