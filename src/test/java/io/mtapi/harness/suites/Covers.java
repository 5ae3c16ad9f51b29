package io.mtapi.harness.suites;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a test checks, in the words of the contract: a CONTRACT.md row or rule
 * ({@code "§3 DELETE /api/v1/users/{id} 204"}) or an OWASP API Security Top 10 (2023)
 * category ({@code "OWASP API1:2023 BOLA"}). The test inventory in TESTING_STRATEGY.md
 * is generated from these.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Covers {

    String[] value();
}
