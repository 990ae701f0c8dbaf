/**
 * Smoke tests in container-structure-test's kinds (schemas 2.0.0 and 1.0.0) plus service tests: reading the specs
 * ({@link dev.factory.smoke.TestSpecParser}), running them in labelled containers ({@link dev.factory.smoke.SmokeRunner})
 * and the evidence and JUnit reports. Reads {@code builds.json}, each build's {@code image.json} and the tests of its
 * fragments, manifest and plan; writes {@code builds/<build>/evidence.log}, {@code smoke-report.xml},
 * {@code smoke.json} and Surefire-style {@code TEST-*.xml}.
 *
 * <p>File tests read a path with {@code docker cp CONTAINER:PATH -}, whose first tar entry Commons Compress reads
 * ({@link dev.factory.smoke.TarEntry}): type, mode, owner and the content up to a limit.
 *
 * <p>Regular expressions are RE2 through RE2/J ({@code com.google.re2j}), the Java port of Go's {@code regexp}:
 * container-structure-test matches with Go's RE2, so a pattern means the same here, and matching is linear in the
 * text, so no pattern backtracks without end. A test's timeout still bounds its matching ({@link dev.factory.smoke.Regex}).
 */
package dev.factory.smoke;
