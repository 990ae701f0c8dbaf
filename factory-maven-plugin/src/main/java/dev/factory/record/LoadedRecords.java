package dev.factory.record;

import java.nio.file.Path;
import java.util.List;

/**
 * The records a report reads, and those it could not.
 *
 * @param records the valid records, in a stable order
 * @param skipped files or artifacts that were not valid records, with why
 */
public record LoadedRecords(List<Loaded> records, List<Skipped> skipped) {

    public LoadedRecords {
        records = List.copyOf(records);
        skipped = List.copyOf(skipped);
    }

    /**
     * One valid record.
     *
     * @param source where it came from, as shown to the user (a path relative to the project, or registry/repo@digest)
     * @param file the local file, null for a record read from a registry
     */
    public record Loaded(CompatibilityRecord record, String source, Path file) {}

    /** One file that is not a valid record. */
    public record Skipped(String source, String reason) {}

    /** "read 41 records, skipped 1: records/x/y.json (not JSON: ...)". */
    public String summary() {
        StringBuilder s = new StringBuilder("read ").append(records.size())
                .append(records.size() == 1 ? " record" : " records");
        if (!skipped.isEmpty()) {
            s.append(", skipped ").append(skipped.size()).append(": ");
            for (int i = 0; i < skipped.size(); i++) {
                s.append(i > 0 ? "; " : "").append(skipped.get(i).source()).append(" (").append(skipped.get(i).reason())
                        .append(')');
            }
        }
        return s.toString();
    }
}
