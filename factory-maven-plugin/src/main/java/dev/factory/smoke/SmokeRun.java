package dev.factory.smoke;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * What went wrong, for the console: the tests that failed among those that ran, then the images that could
     * not be tested, counted apart (an image that was not built ran no test, so it fails none). Empty when all passed.
     */
    public List<String> verdict() {
        List<PlatformResult> all = platforms();
        List<PlatformResult> untested = all.stream().filter(p -> p.untested() != null).toList();
        List<PlatformResult> tested = all.stream().filter(p -> p.untested() == null).toList();
        int tests = tested.stream().mapToInt(PlatformResult::total).sum();
        int failed = tested.stream().mapToInt(p -> p.failures() + p.errors()).sum();
        List<String> lines = new ArrayList<>();
        if (failed > 0) {
            lines.add(failed + " of " + tests + " smoke test(s) failed:");
            for (PlatformResult p : tested) {
                if (p.failures() + p.errors() > 0) {
                    lines.add("  " + p.build() + " " + p.platform() + ": " + (p.failures() + p.errors()) + " of "
                            + p.total()
                            + " failed");
                }
            }
        }
        if (!untested.isEmpty()) {
            Map<PlatformResult.Kind, Integer> kinds = new EnumMap<>(PlatformResult.Kind.class);
            untested.forEach(p -> kinds.merge(p.untested().kind(), 1, Integer::sum));
            List<String> why = new ArrayList<>();
            kinds.forEach((k, n) -> why.add(kinds.size() == 1 ? k.label() : n + " " + k.label()));
            lines.add(untested.size() + " of " + all.size() + " image(s) could not be tested: " + String.join(", ", why)
                    + ":");
            untested.forEach(p -> lines.add("  " + p.untested().line()));
        }
        return lines;
    }

    public List<PlatformResult> platforms() {
        List<PlatformResult> all = new ArrayList<>();
        builds.forEach(b -> all.addAll(b.platforms()));
        return all;
    }

    /** The closing table: build, platform, passed, failed (failures plus errors), and a note. */
    public List<String> table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"build", "platform", "passed", "failed", "notes"});
        for (PlatformResult p : platforms()) {
            if (p.untested() != null) {
                rows.add(new String[]{p.build(), p.platform(), "-", "-", p.untested().kind().note()});
                continue;
            }
            String note = (p.skipped() > 0 ? p.skipped() + " skipped" : "")
                    + (p.emulated() ? (p.skipped() > 0 ? ", " : "") + "emulated" : "");
            rows.add(new String[]{p.build(), p.platform(), String.valueOf(p.passed()),
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
            lines.add(String
                    .format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %" + width[3]
                            + "s  %s", (Object[]) r)
                    .stripTrailing());
        }
        return lines;
    }
}
