package dev.factory.report;

import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code compatibility.md}: one table per manifest (per plan when it has several), rows = variants by axis
 * values, columns = platforms, cells = the newest status with its date, short image digest, evidence link
 * and how many runs are recorded. GitHub-flavoured Markdown, so it reads well in a step summary too.
 */
public final class MarkdownReport {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private MarkdownReport() {}

    public static String render(CompatibilityMatrix matrix, List<LoadedRecords.Skipped> skipped, ReportLinks links) {
        StringBuilder s = new StringBuilder();
        s.append("# Compatibility matrix\n\n");
        if (matrix.recordCount() == 0) {
            s.append(
                    "No compatibility records yet. `mvn verify` writes one per variant and platform (factory:record).\n");
        } else {
            Map<String, Integer> counts = matrix.cellCounts();
            s.append("As of ").append(MINUTE.format(matrix.asOf())).append(" · ").append(matrix.recordCount())
                    .append(matrix.recordCount() == 1 ? " record" : " records")
                    .append(" · latest per variant and platform: ")
                    .append(icon(CompatibilityRecord.PASS)).append(' ').append(counts.get(CompatibilityRecord.PASS))
                    .append(" pass · ")
                    .append(icon(CompatibilityRecord.FAIL)).append(' ').append(counts.get(CompatibilityRecord.FAIL))
                    .append(" fail · ")
                    .append(icon(CompatibilityRecord.ERROR)).append(' ').append(counts.get(CompatibilityRecord.ERROR))
                    .append(" error\n");
        }
        for (CompatibilityMatrix.ManifestSection m : matrix.manifests()) {
            s.append("\n## `").append(m.manifestId()).append("`\n\n");
            s.append("Manifest `sha256:").append(shortDigest(m.manifestDigest(), 12)).append("…`");
            if (m.earlierDigests() > 0) {
                s.append(" (older records: ").append(m.earlierDigests()).append(" earlier version")
                        .append(m.earlierDigests() == 1 ? "" : "s").append(')');
            }
            if (m.plans().size() == 1) {
                s.append(" · ").append(planLabel(m.plans().get(0).plan()));
            }
            s.append('\n');
            for (CompatibilityMatrix.PlanTable t : m.plans()) {
                if (m.plans().size() > 1) {
                    s.append("\n### ").append(capitalized(planLabel(t.plan()))).append('\n');
                }
                table(s, t, links);
            }
        }
        s.append("\n").append(icon(CompatibilityRecord.PASS)).append(" pass: every smoke test passed · ")
                .append(icon(CompatibilityRecord.FAIL)).append(" fail: a smoke test failed or could not run · ")
                .append(icon(CompatibilityRecord.ERROR))
                .append(" error: the image did not build or could not be tested · "
                        + "— no record. Each cell: newest status, its date, the image digest, evidence, and the runs recorded.\n");
        if (!skipped.isEmpty()) {
            s.append("\n> **Skipped ").append(skipped.size()).append(skipped.size() == 1 ? " file" : " files")
                    .append(" that ").append(skipped.size() == 1 ? "is" : "are").append(" not a valid record:**\n");
            for (LoadedRecords.Skipped k : skipped) {
                s.append("> - `").append(k.source()).append("`: ").append(escape(k.reason())).append('\n');
            }
        }
        return s.toString();
    }

    private static void table(StringBuilder s, CompatibilityMatrix.PlanTable t, ReportLinks links) {
        List<String> header = new ArrayList<>(t.axes().isEmpty() ? List.of("build") : t.axes());
        header.addAll(t.platforms());
        s.append('\n');
        s.append("| ").append(String.join(" | ", header.stream().map(MarkdownReport::escape).toList())).append(" |\n");
        s.append("|").append(" --- |".repeat(header.size())).append('\n');
        for (CompatibilityMatrix.Row row : t.rows()) {
            List<String> cells = new ArrayList<>();
            if (t.axes().isEmpty()) {
                cells.add("`" + row.build() + "`");
            } else {
                t.axes().forEach(a -> cells.add(escape(row.variant().getOrDefault(a, "—"))));
            }
            for (String platform : t.platforms()) {
                CompatibilityMatrix.Cell cell = row.cells().get(platform);
                cells.add(cell == null ? "—" : cell(cell, links));
            }
            s.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
    }

    static String cell(CompatibilityMatrix.Cell cell, ReportLinks links) {
        LoadedRecords.Loaded newest = cell.newest();
        CompatibilityRecord r = newest.record();
        StringBuilder s = new StringBuilder();
        s.append(icon(r.status())).append(' ').append(r.status()).append(' ').append(DAY.format(r.created()));
        s.append(" · ")
                .append(r.image().digest() == null ? "not built" : "`" + shortDigest(r.image().digest(), 8) + "`");
        if (r.status().equals(CompatibilityRecord.FAIL)) {
            s.append(" · ").append(r.tests().failed()).append('/').append(r.tests().total()).append(" failed");
        }
        String evidence = links.evidence(newest);
        if (evidence != null) {
            s.append(" · [evidence](").append(evidence.replace(" ", "%20").replace(")", "%29")).append(')');
        }
        s.append(" · ").append(cell.runs()).append(cell.runs() == 1 ? " run" : " runs");
        if (cell.runs() > 1 && cell.count(r.status()) < cell.runs()) {
            List<String> parts = new ArrayList<>();
            for (String status : List.of(CompatibilityRecord.PASS, CompatibilityRecord.FAIL,
                    CompatibilityRecord.ERROR)) {
                long n = cell.count(status);
                if (n > 0) {
                    parts.add(n + " " + icon(status));
                }
            }
            s.append(" (").append(String.join(" ", parts)).append(')');
        }
        return s.toString();
    }

    static String icon(String status) {
        return switch (status) {
            case CompatibilityRecord.PASS -> "✅";
            case CompatibilityRecord.FAIL -> "❌";
            default -> "⚠️";
        };
    }

    static String planLabel(String plan) {
        return plan == null ? "the manifest's own build" : "plan `" + plan + "`";
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code sha256:a6d13a12…} → the first {@code n} hex digits. */
    static String shortDigest(String digest, int n) {
        if (digest == null) {
            return "";
        }
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.length() > n ? hex.substring(0, n) : hex;
    }

    /** Text safe inside a table cell: no pipes, no HTML, no line breaks. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ").replace("`", "'");
    }
}
