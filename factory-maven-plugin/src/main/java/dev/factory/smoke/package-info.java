/**
 * Smoke tests in container-structure-test's kinds (schemas 2.0.0 and 1.0.0) plus service tests: reading the specs
 * ({@link dev.factory.smoke.TestSpecParser}), running them in labelled containers ({@link dev.factory.smoke.SmokeRunner})
 * and the evidence and JUnit reports.
 *
 * <p>Regular expressions are RE2 through RE2/J ({@code com.google.re2j}), the Java port of Go's {@code regexp}:
 * container-structure-test matches with Go's RE2, so a pattern means the same here, and matching is linear in the
 * text, so no pattern backtracks without end. A test's timeout still bounds its matching ({@link dev.factory.smoke.Regex}).
 */
package dev.factory.smoke;
