/**
 * The attacker's sweep: one class per applicable category of the OWASP API Security Top 10 (2023),
 * probing what the per-feature suites do not (CONTRACT.md section 9). Every test's display name
 * starts with its category.
 *
 * <p>Two categories have nothing to test in this API:
 * <ul>
 *   <li>API7:2023 Server Side Request Forgery: no input is a URL or host the server fetches or
 *       connects to (files are uploaded as bytes, never imported from a link), so there is no
 *       request an attacker could make the server send.</li>
 *   <li>API10:2023 Unsafe Consumption of APIs: the API consumes no third-party API (no webhooks,
 *       no identity provider, no external storage in the contract), so there is no upstream
 *       answer it could trust too much.</li>
 * </ul>
 */
package io.mtapi.harness.suites.security;
