package dev.factory.report;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.AtomicFiles;
import dev.factory.io.ProjectPaths;
import dev.factory.record.CiEnvironment;
import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import dev.factory.record.LocalRecords;
import dev.factory.record.RecordSource;
import dev.factory.record.RegistryRecords;
import dev.factory.stitch.BuildSelector;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * factory:report's core: reads every record (the folder, or the registry), skips and names the files that
 * are not valid records, arranges the rest into the {@link CompatibilityMatrix} and writes
 * {@code compatibility.md} and {@code compatibility.html}. In GitHub Actions it also appends the Markdown to
 * the step summary and annotates each failing variant.
 */
public final class Reporter {
    public static final String MARKDOWN = "compatibility.md";
    public static final String HTML = "compatibility.html";

    /** What a report run produced. */
    public record Report(Path markdown, Path html, CompatibilityMatrix matrix, LoadedRecords loaded) {}

    public Report report(ReportRequest request) {
        LoadedRecords loaded = load(request);
        List<LoadedRecords.Loaded> records = request.manifestId() == null ? loaded.records()
                : loaded.records().stream().filter(l -> l.record().manifestId().equals(request.manifestId())).toList();
        String summary = "Compatibility records: " + loaded.summary();
        if (loaded.skipped().isEmpty()) {
            request.info().accept(summary);
        } else {
            request.warn().accept(summary);
        }
        CompatibilityMatrix matrix = CompatibilityMatrix.of(records);
        Path markdown = request.outputDir().resolve(MARKDOWN);
        Path html = request.outputDir().resolve(HTML);
        ReportLinks links = ReportLinks.files(request.projectDir(), request.outputDir());
        List<Reused> reused = reused(request);
        if (!reused.isEmpty()) {
            request.info()
                    .accept("Reused " + reused.size() + " image(s): passing records with the same key and image digest "
                            + "vouch for them, so they were not tested, SBOM'd or recorded again:");
            reused.forEach(
                    r -> request.info().accept(String.format(Locale.ROOT, "  %-40s %-14s passed %s, run %s", r.build(),
                            r.platform(), r.reused().created(), r.reused().run())));
        }
        write(markdown, MarkdownReport.render(matrix, loaded.skipped(), links) + reusedSection(reused));
        write(html, HtmlReport.render(matrix, loaded.skipped(), links));
        var counts = matrix.cellCounts();
        request.info().accept("Compatibility matrix: " + counts.get(CompatibilityRecord.PASS) + " pass, "
                + counts.get(CompatibilityRecord.FAIL) + " fail, " + counts.get(CompatibilityRecord.ERROR)
                + " error -> "
                + ProjectPaths.display(request.projectDir(), markdown) + ", "
                + ProjectPaths.display(request.projectDir(), html));
        CiEnvironment ci = new CiEnvironment(request.env());
        if (ci.githubActions()) {
            stepSummary(request, ci, matrix, loaded);
            WorkflowCommands.errors(matrix).forEach(request.workflowCommands());
        }
        return new Report(markdown, html, matrix, loaded);
    }

    /**
     * The variants whose newest record was made at or after {@code since} (this build) and did not pass, one line
     * each: build, platform, status and why (the record's first note, on one line).
     */
    public static List<String> failuresSince(CompatibilityMatrix matrix, Instant since) {
        List<String> failed = new ArrayList<>();
        for (var manifest : matrix.manifests()) {
            for (var plan : manifest.plans()) {
                for (var row : plan.rows()) {
                    for (var cell : row.troubled()) {
                        CompatibilityRecord newest = cell.newest().record();
                        if (newest.created() != null && !newest.created().isBefore(since)) {
                            String why = newest.notes().isEmpty() ? "" : oneLine(newest.notes().get(0), NOTE_WIDTH);
                            failed.add(
                                    String.format(Locale.ROOT, "  %-40s %-14s %-5s  %s", row.build(), cell.platform(),
                                            newest.status(), why).stripTrailing());
                        }
                    }
                }
            }
        }
        return failed;
    }

    static final int NOTE_WIDTH = 80;

    /** A note as a summary line shows it: its first line, spaces collapsed, lower-case start, cut to width with "...". */
    static String oneLine(String note, int width) {
        String line = note.strip();
        int nl = line.indexOf('\n');
        boolean more = nl >= 0;
        line = (more ? line.substring(0, nl) : line).replaceAll("\\s+", " ").strip();
        if (line.length() > 1 && Character.isUpperCase(line.charAt(0)) && !Character.isUpperCase(line.charAt(1))) {
            line = Character.toLowerCase(line.charAt(0)) + line.substring(1);
        }
        if (line.length() > width) {
            return line.substring(0, width - 3).stripTrailing() + "...";
        }
        return more ? line + " ..." : line;
    }

    /** A platform image.json marks reused: the record that vouches for it. */
    record Reused(String build, String platform, dev.factory.bake.ImageJson.Reused reused) {}

    /** The images the last bake marked reused, from builds.json and each build's image.json (none without them). */
    static List<Reused> reused(ReportRequest request) {
        List<Reused> out = new ArrayList<>();
        if (!Files.isRegularFile(request.outputDir().resolve(BuildsFile.NAME))) {
            return out;
        }
        try {
            for (StitchedBuild b : BuildsFile.read(request.outputDir())) {
                Path dir = request.outputDir().resolve("builds").resolve(b.build());
                if (!new BuildSelector(request.manifestId()).matches(b)
                        || !Files.isRegularFile(dir.resolve(dev.factory.bake.ImageJson.FILE))) {
                    continue;
                }
                dev.factory.bake.ImageJson.read(dir, b.build()).platforms().stream()
                        .filter(dev.factory.bake.ImageJson.PlatformImage::isReused)
                        .forEach(p -> out.add(new Reused(b.build(), p.platform(), p.reused())));
            }
        } catch (BadInputException e) {
            // a report is still worth writing without the reuse section
        }
        return out;
    }

    /** A Markdown section that lists the reused images with the records that vouch for them; empty when none. */
    static String reusedSection(List<Reused> reused) {
        if (reused.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder(
                "\n## Reused in this build\n\nNot tested, SBOM'd or recorded again: a passing record "
                        + "with the same variant key and image digest vouches for each (see docs/records.md).\n\n"
                        + "| build | platform | passed | run | record |\n|---|---|---|---|---|\n");
        for (Reused r : reused) {
            md.append("| `").append(r.build()).append("` | ").append(r.platform()).append(" | ")
                    .append(r.reused().created())
                    .append(" | ").append(r.reused().run()).append(" | `").append(r.reused().record()).append("` |\n");
        }
        return md.toString();
    }

    private static LoadedRecords load(ReportRequest request) {
        if (request.source() == RecordSource.REGISTRY) {
            List<StitchedBuild> builds = BuildsFile.read(request.outputDir()).stream()
                    .filter(new BuildSelector(request.manifestId())::matches).toList();
            return new RegistryRecords(request.registries().get(), request.info(), request.maxRecordBytes()).read(
                    builds,
                    request.outputDir());
        }
        if (!Files.isDirectory(request.recordsDir())) {
            request.warn().accept("The records folder " + request.recordsDir()
                    + " does not exist: the report is empty. Run "
                    + "factory:record first (mvn verify runs it), or point factory.records.directory at your records.");
        }
        return LocalRecords.read(request.recordsDir(), request.projectDir(), request.maxRecordBytes());
    }

    private static void stepSummary(ReportRequest request, CiEnvironment ci, CompatibilityMatrix matrix,
            LoadedRecords loaded) {
        String file = ci.get("GITHUB_STEP_SUMMARY");
        if (file == null) {
            return;
        }
        String markdown = MarkdownReport.render(matrix, loaded.skipped(), ReportLinks.ciOnly());
        try {
            Files.writeString(Path.of(file), markdown + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (InvalidPathException e) {
            throw new BadInputException("GITHUB_STEP_SUMMARY is '" + file + "', not a file path; unset it or let the "
                    + "runner set it.", e);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot append the compatibility matrix to the step summary " + file + " ("
                    + e.getMessage() + ").", e);
        }
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EnvironmentException(
                    "Cannot write " + file + " (" + e.getMessage() + "); check free space and the "
                            + "permissions of " + file.getParent() + ".",
                    e);
        }
    }
}
