/**
 * factory:report: reads the records (folder or registry) and {@code builds.json}; writes {@code compatibility.md} and
 * {@code compatibility.html}, and in GitHub Actions the step summary and an annotation per failing variant. At the end
 * of a build it fails on the records this build made that did not pass ({@link dev.factory.report.BuildConclusion}).
 */
package dev.factory.report;
