package dev.factory.reuse;

import dev.factory.bake.Rebuild;
import dev.factory.record.LoadedRecords;
import dev.factory.stitch.StitchJson;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The listing of what changed since the last records, for stitch (the bases that moved, always; every cell and why
 * with {@code -Dfactory.explain}) and for factory:matrix (only the cells that need a job).
 */
public final class ChangeListing {
    /** The most cells named on one line of the grouped listing. */
    static final int NAMED = 12;

    /**
     * @param projectArgs the build arguments the project adds to every target (as bake passes them)
     * @param outputDir where each build's stitch.json is (its manifest digest)
     */
    public record Request(RecordsFrom records, Path outputDir, Map<String, String> projectArgs, Rebuild rebuild,
            boolean explain, Consumer<String> info, Consumer<String> warn) {}

    private ChangeListing() {}

    /** factory:stitch: stitches, then lists what changed since the last records. */
    public static dev.factory.stitch.StitchResult stitch(dev.factory.stitch.StitchRequest stitch, Request request) {
        dev.factory.stitch.StitchResult result = new dev.factory.stitch.Stitcher().stitch(stitch);
        list(result.builds(), request);
        return result;
    }

    /**
     * factory:matrix with changedOnly: the cells ({@code "<build> <platform>"}) that need a job, after saying which are
     * left out and which run and why, one line each.
     */
    public static java.util.Set<String> changed(List<StitchedBuild> builds, Request request) {
        List<Changes.Cell> cells = list(builds, request);
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        List<String> unchanged = new ArrayList<>();
        for (Changes.Cell c : cells) {
            if (c.verdict().runs()) {
                out.add(c.name());
                request.info().accept("  runs       " + c.name() + ": " + String.join("; ", c.reasons()));
            } else {
                unchanged.add(c.name());
            }
        }
        request.info().accept("Changed only (factory.matrix.changedOnly): " + out.size() + " of " + cells.size()
                + " cell(s) "
                + "changed since the records in " + request.records().describe()
                + (unchanged.isEmpty() ? "" : "; left out, vouched for by passing records: " + names(unchanged)));
        return out;
    }

    /** Compares the builds with the records; logs the moved bases, and every cell with why when asked to explain. */
    public static List<Changes.Cell> list(List<StitchedBuild> builds, Request request) {
        request.rebuild().check(builds);
        boolean any = request.records().available();
        LoadedRecords loaded = any ? request.records().load(builds, request.warn())
                : new LoadedRecords(List.of(), List.of());
        List<Changes.Cell> cells = Changes.compare(builds, loaded, request.projectArgs(), request.rebuild(),
                b -> manifestDigest(request.outputDir(), b));
        for (Changes.MovedBase m : Changes.movedBases(cells)) {
            request.info().accept("Base " + m.ref() + " moved on " + m.platform() + " since the last records ("
                    + Changes.brief(m.from()) + " -> " + Changes.brief(m.to()) + "): its " + m.cells().size()
                    + " cell(s) are built and tested again: " + names(m.cells()));
        }
        if (request.explain()) {
            explain(cells, loaded, request);
        }
        return cells;
    }

    private static void explain(List<Changes.Cell> cells, LoadedRecords loaded, Request request) {
        long runs = cells.stream().filter(c -> c.verdict().runs()).count();
        request.info()
                .accept("What changed (factory.explain): " + cells.size() + " cell(s) against "
                        + loaded.records().size()
                        + " record(s) from " + request.records().describe() + ": " + runs + " to build and test, "
                        + (cells.size() - runs) + " unchanged");
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (Changes.Cell c : cells) {
            for (String reason : c.reasons()) {
                byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(c.name());
            }
        }
        byReason.forEach((reason, named) -> request.info()
                .accept("  " + reason + ": " + named.size() + " cell(s): " + names(named)));
        int width = Math.max(5, cells.stream().mapToInt(c -> c.build().build().length()).max().orElse(5));
        for (Changes.Cell c : cells) {
            String vouch = c.ofKey() != null
                    ? " (" + c.ofKey().record().status() + " " + c.ofKey().record().createdText() + ", run "
                            + c.ofKey().record().run() + ": " + c.ofKey().source() + ")"
                    : "";
            request.info().accept(String.format(Locale.ROOT, "  %-" + width + "s  %-14s %-9s  %s%s", c.build().build(),
                    c.platform(), c.verdict().name().toLowerCase(Locale.ROOT), String.join("; ", c.reasons()), vouch));
        }
    }

    static String names(List<String> names) {
        if (names.size() <= NAMED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMED)) + " and " + (names.size() - NAMED) + " more";
    }

    /** {@code sha256:<hex>} of the manifest a build was stitched from, from its stitch.json; null when unknown. */
    static String manifestDigest(Path outputDir, StitchedBuild b) {
        Path file = outputDir.resolve("builds").resolve(b.build()).resolve("stitch.json");
        try {
            StitchJson.Input manifest = StitchJson.read(file).manifest();
            String hex = manifest == null || manifest.sha256() == null ? "" : manifest.sha256();
            return hex.matches("[0-9a-f]{64}") ? "sha256:" + hex : null;
        } catch (IOException e) {
            return null;
        }
    }
}
