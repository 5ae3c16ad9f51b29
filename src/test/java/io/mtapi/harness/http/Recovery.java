package io.mtapi.harness.http;

import io.restassured.response.Response;

import java.util.function.Predicate;

/**
 * What a call does when its answer was lost: the connection dropped, was reset or timed out
 * after the request went out, so the target may or may not have acted on it. A POST is never
 * sent again blindly: its recovery first asks the target, read-only, whether the call took
 * effect, and {@link Retries} acts on the {@link Verdict}. Each client method passes its own.
 *
 * <pre>{@code
 * Recovery created = () -> found(username)
 *         .map(user -> Recovery.adopt("user " + username + " is in the listing", asCreated(user)))
 *         .orElseGet(() -> Recovery.resend("no user " + username + " in the listing"));
 * }</pre>
 */
@FunctionalInterface
public interface Recovery {

    /** No recovery: a lost answer to a POST ends the test as aborted; other methods are simply re-sent. */
    Recovery NONE = () -> lost("no recovery for this call");

    /** Asks the target what became of the call whose answer was lost. Called after the backoff, before any re-send. */
    Verdict check();

    /** What the check found. */
    sealed interface Verdict permits Adopt, Resend, Lost {
        /** What was checked and found, for the report: "user bob is in the tenant's listing". */
        String finding();
    }

    /** The call took effect: {@code answer} (the target's own representation) stands in for the lost one. */
    record Adopt(String finding, Response answer) implements Verdict {
    }

    /**
     * The call did not take effect, or sending it again changes nothing: send it again. If the
     * answer to the re-send matches {@code answerLost}, the re-send cannot stand in for the lost
     * answer (it was spent on the target), and the test is aborted with {@code lostBecause}.
     */
    record Resend(String finding, Predicate<Response> answerLost, String lostBecause) implements Verdict {
    }

    /** No check can tell what the target did: the test is aborted, no verdict on the contract. */
    record Lost(String finding) implements Verdict {
    }

    static Verdict adopt(String finding, Response answer) {
        return new Adopt(finding, answer);
    }

    static Verdict resend(String finding) {
        return new Resend(finding, answer -> false, null);
    }

    /** Re-send; an answer that matches {@code answerLost} means the lost answer is gone for good, because {@code lostBecause}. */
    static Verdict resend(String finding, Predicate<Response> answerLost, String lostBecause) {
        return new Resend(finding, answerLost, lostBecause);
    }

    static Verdict lost(String finding) {
        return new Lost(finding);
    }
}
