package io.mtapi.harness.http;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Groups a test's HTTP steps in the report under the phase they belong to, with no edit in the
 * tests:
 * <ul>
 *   <li><b>Set-up</b>: what the fixtures do before the test body runs (tenants borrowed or
 *       registered, members created), and the data helpers of the clients ({@code created},
 *       {@code uploaded}, ...), each named by what it made;</li>
 *   <li><b>Probe</b>: the calls of the test body, the ones the claim is about;</li>
 *   <li><b>Check (read-back)</b>: a read (GET, HEAD) of the test body after the probe wrote
 *       something: the owner's read-back that proves nothing changed, or the read that shows what
 *       did;</li>
 *   <li><b>Clean-up</b>: what the test's own fixtures undo after the body.</li>
 * </ul>
 * The JUnit side ({@code report.ReportSteps}, composed into {@code @ContractTest}) says where a
 * test is; the Allure filter asks for the phase of every call. Only the test's own thread opens
 * and closes phase steps; calls on other threads (concurrent probes) nest under whatever step
 * their thread inherited, so a test that fans out calls {@link #probing()} first.
 */
public final class Phases {

    /** The phases, in the words the report shows. */
    public enum Phase {
        SET_UP("Set-up"), PROBE("Probe"), CHECK("Check (read-back)"), CLEAN_UP("Clean-up");

        private final String title;

        Phase(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * The phase state of the test running on this thread; absent outside a contract test. A thread the
     * test starts (a concurrent probe) gets a view that only tells the test's state that it wrote.
     */
    private static final ThreadLocal<State> STATE = new InheritableThreadLocal<>() {
        @Override
        protected State childValue(State parent) {
            return parent == null ? null : parent.childView();
        }
    };

    private static class State {
        final String testUuid;
        Phase wanted = Phase.SET_UP;
        Phase open;
        String openUuid;
        volatile boolean probeWrote;
        int setUpDepth;

        State(String testUuid) {
            this.testUuid = testUuid;
        }

        State childView() {
            return new ChildView(this);
        }

        boolean owner() {
            return true;
        }
    }

    /** On a thread the test started: its writes count as the probe's; it opens no phase of its own. */
    private static final class ChildView extends State {
        private final State test;

        ChildView(State test) {
            super(test.testUuid);
            this.test = test;
        }

        @Override
        State childView() {
            return test.childView();
        }

        @Override
        boolean owner() {
            return false;
        }
    }

    private Phases() {
    }

    /** A test is starting on this thread: what comes before its body is set-up. */
    public static void testStarting() {
        STATE.set(Allure.getLifecycle().getCurrentTestCase().map(State::new).orElse(null));
    }

    /** The test body starts: its calls are the probe (and its read-backs the check). */
    public static void bodyStarting() {
        State state = STATE.get();
        if (state != null && state.owner()) {
            state.wanted = Phase.PROBE;
        }
    }

    /** The test body ended: what follows undoes the test's fixtures. */
    public static void bodyEnded() {
        State state = STATE.get();
        if (state != null && state.owner()) {
            state.wanted = Phase.CLEAN_UP;
        }
    }

    /**
     * The test is being stopped: closes the open phase step, with the test's status when it did not
     * pass (the phase where it ended is the one marked).
     */
    public static void testStopping(Status testStatus) {
        State state = STATE.get();
        STATE.remove();
        if (state != null && state.owner() && state.openUuid != null) {
            close(state, testStatus == null || testStatus == Status.PASSED ? Status.PASSED : testStatus);
        }
    }

    /** Before an HTTP call: opens the phase step the call belongs to, if this thread owns the phases. */
    static void beforeCall(String method) {
        State state = STATE.get();
        if (state instanceof ChildView child) {
            if (!READS.contains(method.toUpperCase(Locale.ROOT)) && child.test.wanted != Phase.SET_UP) {
                child.test.probeWrote = true;
            }
            return;
        }
        if (state == null || state.setUpDepth > 0) {
            return;
        }
        Phase phase = state.wanted;
        if (phase == Phase.PROBE || phase == Phase.CHECK) {
            if (READS.contains(method.toUpperCase(Locale.ROOT))) {
                phase = state.probeWrote ? Phase.CHECK : Phase.PROBE;
            } else {
                phase = Phase.PROBE;
                state.probeWrote = true;
            }
        }
        enter(state, phase);
    }

    /**
     * Runs a data set-up helper as a named step of the Set-up phase ("User created: bob"). Outside a
     * test, or on another thread than the test's, just a named step, or no step at all.
     */
    public static <T> T setUp(String what, Supplier<T> work) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        if (lifecycle.getCurrentTestCaseOrStep().isEmpty()) {
            return work.get();
        }
        State state = STATE.get();
        if (state != null && !state.owner()) {
            state = null; // another thread of the test: a named step where it stands
        }
        if (state != null && state.setUpDepth == 0) {
            enter(state, Phase.SET_UP);
        }
        if (state != null) {
            state.setUpDepth++;
        }
        String uuid = UUID.randomUUID().toString();
        lifecycle.startStep(uuid, new StepResult().setName(what));
        try {
            T result = work.get();
            lifecycle.updateStep(uuid, step -> step.setStatus(Status.PASSED));
            return result;
        } catch (RuntimeException | Error e) {
            lifecycle.updateStep(uuid, step -> step.setStatus(e instanceof AssertionError ? Status.FAILED : Status.BROKEN));
            throw e;
        } finally {
            lifecycle.stopStep(uuid);
            if (state != null) {
                state.setUpDepth--;
            }
        }
    }

    /** Opens the Probe phase now, before a test fans its probe out to other threads. */
    public static void probing() {
        State state = STATE.get();
        if (state != null && state.owner() && state.setUpDepth == 0
                && (state.wanted == Phase.PROBE || state.wanted == Phase.CHECK)) {
            enter(state, Phase.PROBE);
        }
    }

    private static void enter(State state, Phase phase) {
        if (state.open == phase) {
            return;
        }
        AllureLifecycle lifecycle = Allure.getLifecycle();
        Optional<String> root = lifecycle.getCurrentTestCase();
        Optional<String> top = lifecycle.getCurrentTestCaseOrStep();
        if (root.isEmpty() || !root.get().equals(state.testUuid)) {
            return; // inside a fixture method of Allure's, or no test: no phases there
        }
        if (state.openUuid != null) {
            if (!top.equals(Optional.of(state.openUuid))) {
                if (!top.equals(root)) {
                    return; // nested in a step of the test's own: the call stays there
                }
                // Our step is no longer on the thread's stack: finish it without popping the test.
                String stale = state.openUuid;
                lifecycle.updateStep(stale, step -> step.setStage(Stage.FINISHED).setStatus(Status.PASSED)
                        .setStop(System.currentTimeMillis()));
                state.openUuid = null;
            } else {
                close(state, Status.PASSED);
            }
        } else if (!top.equals(root)) {
            return;
        }
        String uuid = UUID.randomUUID().toString();
        lifecycle.startStep(uuid, new StepResult().setName(phase.title()));
        state.open = phase;
        state.openUuid = uuid;
    }

    private static void close(State state, Status status) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = state.openUuid;
        if (lifecycle.getCurrentTestCaseOrStep().equals(Optional.of(uuid))) {
            lifecycle.updateStep(uuid, step -> step.setStatus(status));
            lifecycle.stopStep(uuid);
        } else {
            lifecycle.updateStep(uuid, step -> step.setStage(Stage.FINISHED).setStatus(status)
                    .setStop(System.currentTimeMillis()));
        }
        state.openUuid = null;
        state.open = null;
    }
}
