package dev.factory.report;

import dev.factory.record.CompatibilityRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub Actions workflow commands for the report: one {@code ::error} annotation per variant whose
 * newest record on some platform is not a pass. The runner recognises a command only at the start of a
 * line of the step's output, so these lines must go to stdout as they are, not through a logger that
 * prefixes them (Maven's "[ERROR] ").
 */
public final class WorkflowCommands {
    private WorkflowCommands() {}

    /** The annotation lines, in matrix order. */
    public static List<String> errors(CompatibilityMatrix matrix) {
        List<String> out = new ArrayList<>();
        for (CompatibilityMatrix.ManifestSection m : matrix.manifests()) {
            for (CompatibilityMatrix.PlanTable t : m.plans()) {
                for (CompatibilityMatrix.Row row : t.rows()) {
                    List<CompatibilityMatrix.Cell> troubled = row.troubled();
                    if (troubled.isEmpty()) {
                        continue;
                    }
                    String title = "Factory: " + m.manifestId() + (row.variant().isEmpty() ? "" : " " + variant(row))
                            + " " + (troubled.stream().anyMatch(c -> c.status().equals(CompatibilityRecord.ERROR))
                                    ? "does not build or cannot be tested" : "fails its smoke tests");
                    List<String> parts = new ArrayList<>();
                    for (CompatibilityMatrix.Cell c : troubled) {
                        CompatibilityRecord r = c.newest().record();
                        parts.add(c.platform() + ": " + r.status() + ", " + HtmlReport.summary(r) + " ("
                                + MarkdownReport.DAY.format(r.created()) + ", build " + r.build()
                                + (r.image().digest() == null ? "" : ", image " + r.image().digest()) + ", record "
                                + c.newest().source() + ")");
                    }
                    out.add("::error title=" + property(title) + "::" + data(String.join("\n", parts)));
                }
            }
        }
        return out;
    }

    private static String variant(CompatibilityMatrix.Row row) {
        List<String> parts = new ArrayList<>();
        row.variant().forEach((k, v) -> parts.add(k + "=" + v));
        return "(" + String.join(", ", parts) + ")";
    }

    /** Escapes a command's message as the runner unescapes it. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value (title=...), where ':' and ',' are separators too. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
