package io.mtapi.harness.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Test outcomes of one run. Per tag: passed, failed, errors, known, skipped, counted as JUnit XML
 * counts them (an {@link AssertionError} fails a test, any other exception is an error). Per
 * {@link Verdict}: how many tests and how many distinct claims (headlines), counted as the Allure
 * categories group them. Thread-safe.
 */
public final class RunTally {

    /** How JUnit XML and Allure's statuses count a test: passed, failed, error (broken), known issue, skipped. */
    public enum Outcome { PASSED, FAILED, ERROR, KNOWN, SKIPPED }

    private final Map<String, Map<Outcome, LongAdder>> byTag = new ConcurrentHashMap<>();
    private final Map<Outcome, LongAdder> totals = new ConcurrentHashMap<>();
    private final Map<Verdict, LongAdder> verdicts = new ConcurrentHashMap<>();
    private final Map<Verdict, Set<String>> claims = new ConcurrentHashMap<>();
    private final List<String> skipReasons = new CopyOnWriteArrayList<>();
    private final List<String> fixedKnownIssues = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> notJudged = new ConcurrentHashMap<>();
    private volatile TenantLoans tenantLoans = new TenantLoans(0, 0, 0, List.of());

    /**
     * What the run's tenant pool did: tenants registered for it, class loans served, and the classes that made more
     * calls on one rate-limit budget of a pooled tenant than they declare (a later borrower may have waited for them).
     */
    public record TenantLoans(long registered, long handedOver, long lent, List<String> overDeclaredCalls) {
    }

    public void tenantLoans(TenantLoans loans) {
        tenantLoans = loans;
    }

    public TenantLoans tenantLoans() {
        return tenantLoans;
    }

    /** A test class started. */
    public void classStarted(String testClass) {
        classes.add(testClass);
    }

    /** Test classes that started in the run. */
    public long classes() {
        return classes.size();
    }

    public void record(Set<String> tags, Outcome outcome) {
        totals.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        for (String tag : tags) {
            byTag.computeIfAbsent(tag, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(outcome, o -> new LongAdder()).increment();
        }
        if (outcome == Outcome.PASSED) {
            verdict(Verdict.PASSED, null);
        }
    }

    /** A test that failed (assertion) or errored (anything else): its verdict comes from its message. */
    public void failed(Set<String> tags, String test, Throwable cause) {
        Verdict verdict = Verdict.ofFailure(cause);
        record(tags, cause instanceof AssertionError ? Outcome.FAILED : Outcome.ERROR);
        verdict(verdict, cause == null ? null : cause.getMessage());
        failures.add(test);
    }

    /** A test aborted (an assumption, a known issue, not judged, an answer lost). */
    public void aborted(Set<String> tags, String test, Throwable cause) {
        String reason = cause == null ? "aborted" : cause.getMessage();
        Verdict verdict = Verdict.ofSkip(reason);
        record(tags, verdict == Verdict.KNOWN_ISSUE ? Outcome.KNOWN : Outcome.SKIPPED);
        verdict(verdict, reason);
        if (verdict != Verdict.KNOWN_ISSUE) {
            skipReasons.add(test + ": " + reason);
        }
    }

    /** A test disabled by a condition (a contract-gap check switched off, a class not run). */
    public void skipped(Set<String> tags, String test, String reason) {
        record(tags, Outcome.SKIPPED);
        verdict(Verdict.ofSkip(reason), reason);
        skipReasons.add(test + ": " + reason);
    }

    private void verdict(Verdict verdict, String message) {
        verdicts.computeIfAbsent(verdict, v -> new LongAdder()).increment();
        if (verdict.category() != null) {
            claims.computeIfAbsent(verdict, v -> ConcurrentHashMap.newKeySet()).add(Headline.of(message));
        }
    }

    /**
     * A skipped test that could not be judged (a {@code Not judged: } message), counted by
     * "reason; how to enable"; it is counted as skipped too.
     */
    public void notJudged(String reasonAndHowToEnable) {
        notJudged.computeIfAbsent(reasonAndHowToEnable, r -> new LongAdder()).increment();
    }

    /** Tests not judged, by "reason; how to enable", most first. */
    public Map<String, Long> notJudgedByReason() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        notJudged.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> counts.put(e.getKey(), e.getValue().sum()));
        return counts;
    }

    public long notJudgedCount() {
        return notJudged.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void knownIssuePassed(String testId) {
        fixedKnownIssues.add(testId);
    }

    /** Tests reported as known issues. */
    public long knownCount() {
        return count(Outcome.KNOWN);
    }

    public long count(String tag, Outcome outcome) {
        return byTag.getOrDefault(tag, Map.of()).getOrDefault(outcome, new LongAdder()).sum();
    }

    /** Tests of the run with this outcome (each test once, whatever its tags). */
    public long count(Outcome outcome) {
        return totals.getOrDefault(outcome, new LongAdder()).sum();
    }

    /** Tests of the run: every outcome. */
    public long tests() {
        return totals.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Tests with this verdict. */
    public long count(Verdict verdict) {
        return verdicts.getOrDefault(verdict, new LongAdder()).sum();
    }

    /** Distinct claims (failure headlines) with this verdict: the groups of its report category. */
    public long claims(Verdict verdict) {
        return claims.getOrDefault(verdict, Set.of()).size();
    }

    /** Every verdict with its count, in {@link Verdict} order. */
    public Map<Verdict, Long> verdicts() {
        Map<Verdict, Long> all = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            all.put(verdict, count(verdict));
        }
        return all;
    }

    public Set<String> tags() {
        return new TreeMap<>(byTag).keySet();
    }

    /** Tests that failed or errored and are not known issues: what fails the gate. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> skipReasons() {
        return List.copyOf(skipReasons);
    }

    public List<String> fixedKnownIssues() {
        return List.copyOf(fixedKnownIssues);
    }
}
