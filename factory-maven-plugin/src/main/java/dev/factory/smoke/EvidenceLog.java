package dev.factory.smoke;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code builds/<build>/evidence.log}: plain text a person can read and a record can hash. Per test:
 * its outcome, where it was written, and every command it ran as a line that can be pasted into a
 * shell, with exit code, duration, container id, and stdout/stderr cut to the output limit.
 */
public final class EvidenceLog {
    private EvidenceLog() {}

    public static String format(String build, String runId, Instant started, int outputLimit,
            List<PlatformResult> platforms) {
        StringBuilder s = new StringBuilder();
        s.append("# Factory smoke-test evidence\n");
        s.append("# build:   ").append(build).append('\n');
        s.append("# run:     ").append(runId).append('\n');
        s.append("# started: ").append(started).append('\n');
        s.append("# output:  stdout and stderr kept up to ").append(outputLimit).append(" bytes each\n");
        for (PlatformResult p : platforms) {
            s.append('\n').append(platformHeader(p)).append('\n');
            if (p.problem() != null) {
                s.append("--- ERROR image\n    ").append(p.problem().replace("\n", "\n    ")).append('\n');
            }
            for (CaseResult c : p.cases()) {
                s.append(formatCase(c, p.digest()));
            }
            s.append(String.format(Locale.ROOT,
                    "=== %s: %d test(s), %d passed, %d failed, %d error(s), %d skipped in %s%n",
                    p.platform(), p.total(), p.passed(), p.failures(), p.errors(), p.skipped(),
                    Durations.format(p.duration())));
        }
        return s.toString();
    }

    static String platformHeader(PlatformResult p) {
        return "=== " + p.platform() + (p.emulated() ? " (emulated)" : "") + ": " + (p.ref() == null ? "(no image)"
                : p.ref() + (p.digest() == null ? "" : "@" + p.digest()));
    }

    /** One test's block; also the {@code <system-out>} of its JUnit test case. */
    public static String formatCase(CaseResult c, String digest) {
        StringBuilder s = new StringBuilder();
        s.append("--- ").append(label(c.status())).append(' ').append(c.kind()).append(" \"").append(c.name())
                .append("\" [")
                .append(c.origin().describe()).append("] ")
                .append(Durations.format(c.duration())).append('\n');
        if (digest != null) {
            s.append("    image digest: ").append(digest).append('\n');
        }
        for (Step step : c.steps()) {
            s.append("    ").append(step.label()).append(": $ ").append(step.command()).append('\n');
            s.append("      exit: ")
                    .append(step.timedOut() ? "none (timed out)" : step.exitCode() == null ? "-" : step.exitCode())
                    .append("   duration: ").append(Durations.format(step.duration()));
            if (step.containerId() != null) {
                s.append("   container: ").append(step.containerId());
            }
            s.append('\n');
            if (step.note() != null) {
                s.append("      note: ").append(step.note()).append('\n');
            }
            output(s, "stdout", step.stdout());
            output(s, "stderr", step.stderr());
        }
        if (c.status() != CaseResult.Status.PASSED) {
            s.append("    ").append(label(c.status()).toLowerCase(Locale.ROOT)).append(": ")
                    .append(c.detail().replace("\n", "\n      ")).append('\n');
        }
        return s.toString();
    }

    private static void output(StringBuilder s, String name, Step.Output out) {
        if (out.bytes() == 0) {
            s.append("      ").append(name).append(": (empty)\n");
            return;
        }
        s.append("      ").append(name).append(" (").append(out.bytes()).append(" bytes");
        if (out.truncated()) {
            s.append(", cut to the first ").append(out.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        s.append("):\n");
        String text = out.text().endsWith("\n") ? out.text().substring(0, out.text().length() - 1) : out.text();
        for (String line : text.split("\n", -1)) {
            s.append("        | ").append(line).append('\n');
        }
    }

    private static String label(CaseResult.Status status) {
        switch (status) {
            case PASSED :
                return "PASS";
            case FAILED :
                return "FAIL";
            case ERROR :
                return "ERROR";
            default :
                return "SKIP";
        }
    }
}
