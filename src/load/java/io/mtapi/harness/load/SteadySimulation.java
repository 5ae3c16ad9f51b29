package io.mtapi.harness.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@code bin/load steady}: every provisioned caller (N tenants x its admin and members) runs the
 * realistic mix ({@link Requests#iteration}) for {@code load.steady.duration}, one iteration every
 * {@link LoadSettings#pace()}: inside every rate-limit budget, so a 429 is a finding. Admins refresh
 * their tokens every {@code load.steady.refreshEvery} iterations. Callers start over {@code rampUp}.
 */
public class SteadySimulation extends Simulation {

    private static final String ITERATION = "iteration";

    private final LoadFixture load = LoadFixture.open(Workload.STEADY, new Plan());

    {
        LoadSettings settings = load.settings();
        int refreshEvery = Math.max(1, settings.plan().refreshEvery());
        ScenarioBuilder callers = scenario("steady")
                .feed(load.callers())
                // exitASAP false: an iteration under way when the time is up ends normally, so every
                // iteration sends its whole mix and the plan's counts hold.
                .during(settings.plan().duration(), ITERATION, false).on(
                        pace(settings.pace())
                                .exec(Requests.iteration(ITERATION))
                                .doIf(session -> session.getBoolean(LoadFixture.ADMIN)
                                        && session.getInt(ITERATION) % refreshEvery == refreshEvery - 1)
                                .then(exec(Requests.refresh())));
        setUp(callers.injectOpen(rampUsers(load.callerCount()).during(settings.plan().rampUp())))
                .protocols(load.protocol())
                // Bounded whatever the target does: ramp, duration, and a minute for the last iterations.
                .maxDuration(settings.plan().rampUp().plus(settings.plan().duration()).plus(Duration.ofMinutes(1)));
    }

    @Override
    public void after() {
        load.close();
    }

    /**
     * Each caller runs at least duration / pace iterations (Gatling checks the loop's time before the pace
     * waits, so one more may start near the end); the run lasts about rampUp + duration.
     */
    static final class Plan implements LoadFixture.PlannedLoad {

        @Override
        public String describe(LoadSettings s, int callers, int tenants, boolean membersAct) {
            return String.format(Locale.ROOT, "%s, %d data users each; %d s after a %d s ramp;"
                            + " one iteration per caller every %d ms (%d of the %d calls per %d ms of each rate-limit budget)",
                    LoadFixture.PlannedLoad.callers(callers, tenants, membersAct), s.plan().dataUsersPerTenant(), s.plan().duration().toSeconds(), s.plan().rampUp().toSeconds(),
                    s.pace().toMillis(), s.iterationsPerWindow(), s.rateLimitBudget(), s.rateLimitWindow().toMillis());
        }

        @Override
        public Map<String, Double> requestsPerSecond(LoadSettings s, int admins, int members) {
            int callers = admins + members;
            // At least this many: the rates promise no more than the plan surely sends.
            long iterations = Math.max(1, s.plan().duration().toMillis() / s.pace().toMillis());
            double seconds = (s.plan().rampUp().toMillis() + s.plan().duration().toMillis()) / 1000.0;
            int refreshEvery = Math.max(1, s.plan().refreshEvery());
            Map<String, Double> planned = new HashMap<>();
            planned.put(Endpoint.LIST_USERS.requestName(), callers * ((iterations + 1) / 2) / seconds);
            planned.put(Endpoint.PAGE_USERS.requestName(), callers * (iterations / 2) / seconds);
            Requests.ONCE_PER_ITERATION.forEach(each -> planned.put(each.requestName(), callers * iterations / seconds));
            // A rate of one or two refreshes per admin says nothing: judged only where each refreshes twice or more.
            if (iterations >= 2L * refreshEvery) {
                planned.put(Endpoint.REFRESH_TOKEN.requestName(), admins * (iterations / refreshEvery) / seconds);
            }
            return planned;
        }
    }
}
