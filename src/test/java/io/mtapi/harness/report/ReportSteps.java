package io.mtapi.harness.report;

import io.mtapi.harness.http.Phases;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;

/**
 * Tells the report's phases ({@link Phases}) where a test is: before its body (fixtures: Set-up),
 * in its body (Probe, and Check for read-backs), after it (Clean-up). Composed into
 * {@code @ContractTest} first, so its {@code beforeEach} runs before the fixtures' (which build a
 * test's tenants and members there); one concern, no state of its own.
 */
public final class ReportSteps implements BeforeEachCallback, InvocationInterceptor {

    @Override
    public void beforeEach(ExtensionContext context) {
        Phases.testStarting();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        body(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        body(invocation);
    }

    private static void body(Invocation<Void> invocation) throws Throwable {
        Phases.bodyStarting();
        try {
            invocation.proceed();
        } finally {
            Phases.bodyEnded();
        }
    }
}
