package io.mtapi.harness.parity;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;

/**
 * Tells {@link ExchangeRecorder} which test a call belongs to: the calls made while a test's body
 * runs (parameters are resolved before, clean-up runs after), on its thread or on threads it starts.
 * Fixture work belongs to no test: which class's parameter resolution lends a pooled tenant, or
 * registers a new one, depends on timing, so comparing it step by step would compare noise.
 */
public final class ExchangeAttribution implements InvocationInterceptor, BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ExchangeRecorder.attributeToNone();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        attributed(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        attributed(invocation, extensionContext);
    }

    private static void attributed(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        ExchangeRecorder.Scope scope = ExchangeRecorder.attributeTo(context.getUniqueId());
        try {
            invocation.proceed();
        } finally {
            scope.close();
        }
    }
}
