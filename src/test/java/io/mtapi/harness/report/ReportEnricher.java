package io.mtapi.harness.report;

import io.mtapi.harness.http.Masking;
import io.mtapi.harness.http.Phases;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Shapes every Allure test result of a contract suite for a reviewer, with no edit in the tests
 * (registered through {@code META-INF/services}, so it also serves the lifecycles self-tests build):
 * <ul>
 *   <li>the epic is the suite (from its tag), the feature the test class, stories stay;</li>
 *   <li>{@code @Covers} becomes tags ({@code CONTRACT.md §3}, {@code OWASP API1:2023}) and links (the
 *       section, the operation in {@code openapi.yaml}); the description says the claim and why it
 *       matters ({@link ContractContext});</li>
 *   <li>the status message is the failure's headline (its stable first line, {@link Headline}), so the
 *       categories group one claim per group; the evidence moves to the trace, above the stack;</li>
 *   <li>fixture objects (target, tenants, members) are not shown as parameters;</li>
 *   <li>the open phase step ({@link Phases}) is closed when the test stops.</li>
 * </ul>
 */
public final class ReportEnricher implements TestLifecycleListener {

    private static final String SUITES_PACKAGE = "io.mtapi.harness.suites.";
    private static final String FIXTURES_PACKAGE = "io.mtapi.harness.fixtures.";
    private static final Map<String, Optional<Method>> METHODS = new ConcurrentHashMap<>();

    @Override
    public void beforeTestSchedule(TestResult result) {
        String testClass = label(result, "testClass");
        if (testClass == null || !testClass.startsWith(SUITES_PACKAGE)) {
            return;
        }
        Optional<Method> method = method(testClass, label(result, "testMethod"));
        Class<?> type = method.<Class<?>>map(Method::getDeclaringClass).orElseGet(() -> load(testClass));
        if (type == null) {
            return;
        }
        Set<String> tags = result.getLabels().stream().filter(l -> "tag".equals(l.getName())).map(Label::getValue)
                .collect(Collectors.toSet());
        ContractContext context = ContractContext.of(type, method.orElse(null), tags,
                method.map(m -> displayName(result)).orElse(result.getName()));
        result.getLabels().removeIf(l -> "epic".equals(l.getName()) || "feature".equals(l.getName()));
        result.getLabels().add(new Label().setName("epic").setValue(context.epic()));
        result.getLabels().add(new Label().setName("feature").setValue(context.feature()));
        result.getLabels().addAll(context.labels());
        result.getLinks().addAll(context.links());
        String existing = result.getDescription();
        result.setDescription(context.description() + (existing == null || existing.isBlank() ? "" : "\n\n" + existing));
    }

    @Override
    public void beforeTestStop(TestResult result) {
        Phases.testStopping(result.getStatus());
    }

    @Override
    public void beforeTestWrite(TestResult result) {
        StatusDetails details = result.getStatusDetails();
        if (details != null && details.getMessage() != null) {
            String message = Masking.text(details.getMessage());
            String evidence = Headline.evidence(message);
            details.setMessage(Headline.of(message));
            String trace = details.getTrace() == null ? "" : Masking.text(details.getTrace());
            details.setTrace(evidence.isEmpty() ? trace : evidence + "\n\n" + trace);
        }
        String testClass = label(result, "testClass");
        if (testClass != null && testClass.startsWith(SUITES_PACKAGE) && !result.getParameters().isEmpty()) {
            Set<String> fixtures = method(testClass, label(result, "testMethod"))
                    .map(m -> Arrays.stream(m.getParameters())
                            .filter(p -> p.getType().getName().startsWith(FIXTURES_PACKAGE))
                            .map(java.lang.reflect.Parameter::getName).collect(Collectors.toSet()))
                    .orElse(Set.of());
            result.getParameters().removeIf((Parameter p) -> fixtures.contains(p.getName()));
        }
    }

    /** The claim without the parameterized invocation's "[1] ..." suffix. */
    private static String displayName(TestResult result) {
        String name = result.getTestCaseName() != null ? result.getTestCaseName() : result.getName();
        return name == null ? "" : name;
    }

    private static String label(TestResult result, String name) {
        return result.getLabels().stream().filter(l -> name.equals(l.getName())).map(Label::getValue).findFirst().orElse(null);
    }

    private static Optional<Method> method(String testClass, String methodName) {
        if (methodName == null) {
            return Optional.empty();
        }
        return METHODS.computeIfAbsent(testClass + "#" + methodName, key -> {
            Class<?> type = load(testClass);
            return type == null ? Optional.empty() : Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.getName().equals(methodName)).findFirst();
        });
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
