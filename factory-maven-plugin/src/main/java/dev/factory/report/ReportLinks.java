package dev.factory.report;

import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a cell's links point. In the report files: the evidence log and the record file relative to the
 * report (when they are on this disk), else the CI run that made the record. In a GitHub step summary,
 * where relative links go nowhere: the CI run only.
 */
public interface ReportLinks {
    /** The evidence link of a record, or null. */
    String evidence(LoadedRecords.Loaded loaded);

    /** A link to the record itself, or null. */
    String record(LoadedRecords.Loaded loaded);

    /** Links relative to {@code reportDir}, to files under {@code projectDir}. */
    static ReportLinks files(Path projectDir, Path reportDir) {
        Path base = reportDir.toAbsolutePath().normalize();
        return new ReportLinks() {
            @Override
            public String evidence(LoadedRecords.Loaded loaded) {
                CompatibilityRecord.Evidence e = loaded.record().evidence();
                if (e != null) {
                    Path file = projectDir.resolve(e.path()).toAbsolutePath().normalize();
                    if (Files.isRegularFile(file)) {
                        return relative(base, file);
                    }
                }
                return ciUrl(loaded);
            }

            @Override
            public String record(LoadedRecords.Loaded loaded) {
                return loaded.file() == null ? null : relative(base, loaded.file().toAbsolutePath().normalize());
            }
        };
    }

    /** Links to the CI run that made each record; nothing else. */
    static ReportLinks ciOnly() {
        return new ReportLinks() {
            @Override
            public String evidence(LoadedRecords.Loaded loaded) {
                return ciUrl(loaded);
            }

            @Override
            public String record(LoadedRecords.Loaded loaded) {
                return null;
            }
        };
    }

    private static String ciUrl(LoadedRecords.Loaded loaded) {
        CompatibilityRecord.Ci ci = loaded.record().ci();
        return ci == null ? null : safe(ci.url());
    }

    /**
     * A link target from a record, or null when it is not a plain http(s) URL: records can come from
     * other machines, and a {@code javascript:} URL must not become a link in the report.
     */
    static String safe(String url) {
        if (url == null) {
            return null;
        }
        String u = url.trim().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://") ? url.trim() : null;
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }
}
