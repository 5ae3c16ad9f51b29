package io.mtapi.harness.config;

/**
 * The configuration cannot be used: the message names the key, the value or
 * the environment, and every place that was looked at. Thrown before the first
 * request, so a bad config stops the run with one message.
 */
public final class HarnessConfigException extends RuntimeException {

    HarnessConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public HarnessConfigException(String message) {
        super(message);
    }
}
