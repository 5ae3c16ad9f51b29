package io.mtapi.harness.parity;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the verdict of every test of one side's run, by unique id, with a name a reviewer
 * reads ("UserManagementTest: GET /api/v1/users/{id} returns the user as created (200)"). A class
 * that was not run (disabled, refused) leaves its tests not judged; a class that failed before its
 * tests ran leaves them failed with the class's message.
 */
final class Outcomes implements TestExecutionListener {

    /** One test's name and verdict. */
    record Entry(String name, TestVerdict verdict) {
    }

    private final Map<String, Entry> byTest = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        settle(id, TestVerdict.notJudged(reason));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        TestVerdict verdict = switch (result.getStatus()) {
            case SUCCESSFUL -> TestVerdict.passed();
            case FAILED -> TestVerdict.failed(result.getThrowable().orElse(null));
            case ABORTED -> TestVerdict.aborted(result.getThrowable().orElse(null));
        };
        if (id.isTest()) {
            byTest.put(id.getUniqueId(), new Entry(name(id), verdict));
        } else if (verdict.outcome() != TestVerdict.Outcome.PASSED) {
            settle(id, verdict);
        }
    }

    /** A test, or every planned test under a container that did not run them, gets the verdict. */
    private void settle(TestIdentifier id, TestVerdict verdict) {
        if (id.isTest()) {
            byTest.putIfAbsent(id.getUniqueId(), new Entry(name(id), verdict));
            return;
        }
        if (plan != null) {
            plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> byTest.putIfAbsent(test.getUniqueId(), new Entry(name(test), verdict)));
        }
    }

    Map<String, Entry> entries() {
        return Map.copyOf(byTest);
    }

    /** "SimpleClassName: display name", the invocation's display name appended for parametrized tests. */
    private String name(TestIdentifier id) {
        Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(id);
        String className = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getClassName).orElse("");
        String display = id.getDisplayName();
        if (parent.isPresent() && parent.get().getSource().filter(MethodSource.class::isInstance).isPresent()) {
            display = parent.get().getDisplayName() + " " + display; // an invocation of a template
        } else if (className.isEmpty() && parent.isPresent()) {
            className = parent.get().getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                    .map(ClassSource::getClassName).orElse("");
        }
        return className.substring(className.lastIndexOf('.') + 1) + ": " + display;
    }
}
