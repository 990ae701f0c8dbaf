package dev.factory.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The outcome of one factory:test execution: every build's platforms and the files written for it. */
public record SmokeRun(String runId, List<BuildResult> builds) {

    /** One build: its platforms and its {@code smoke.json}. */
    public record BuildResult(String build, List<PlatformResult> platforms, SmokeSummary summary) {}

    public int total() {
        return platforms().stream().mapToInt(PlatformResult::total).sum();
    }

    public int failures() {
        return platforms().stream().mapToInt(PlatformResult::failures).sum();
    }

    public int errors() {
        return platforms().stream().mapToInt(PlatformResult::errors).sum();
    }

    public boolean passed() {
        return failures() == 0 && errors() == 0;
    }

    public List<PlatformResult> platforms() {
        List<PlatformResult> all = new ArrayList<>();
        builds.forEach(b -> all.addAll(b.platforms()));
        return all;
    }

    /** The closing table: build, platform, passed, failed (failures plus errors), and a note. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"build", "platform", "passed", "failed", "notes"});
        for (PlatformResult p : platforms()) {
            String note = p.problem() != null ? "image not built"
                    : (p.skipped() > 0 ? p.skipped() + " skipped" : "") + (p.emulated() ? (p.skipped() > 0 ? ", " : "") + "emulated" : "");
            rows.add(new String[] {p.build(), p.platform(), String.valueOf(p.passed()),
                    String.valueOf(p.failures() + p.errors()), note});
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            lines.add(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %" + width[3]
                    + "s  %s", (Object[]) r).stripTrailing());
        }
        return lines;
    }
}
