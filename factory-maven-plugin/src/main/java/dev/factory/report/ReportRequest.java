package dev.factory.report;

import dev.factory.io.Text;
import dev.factory.oci.Registries;
import dev.factory.record.LocalRecords;
import dev.factory.record.RecordSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What factory:report needs.
 *
 * @param projectDir record sources and evidence paths are relative to it
 * @param outputDir where compatibility.md and compatibility.html go; builds.json is read from it for
 *     {@link RecordSource#REGISTRY}
 * @param source local folder or registry
 * @param recordsDir the records folder, for {@link RecordSource#LOCAL}
 * @param manifestId only this manifest's records; null for all
 * @param env the process environment (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY)
 * @param registries registry clients, made only for {@link RecordSource#REGISTRY}
 * @param workflowCommands where GitHub workflow commands go: the step's stdout, unprefixed
 * @param maxRecordBytes a record larger than this is skipped unread (factory.maxInputSize)
 */
public record ReportRequest(Path projectDir, Path outputDir, RecordSource source, Path recordsDir, String manifestId,
        Map<String, String> env, Supplier<Registries> registries, Consumer<String> info,
        Consumer<String> warn, Consumer<String> workflowCommands, long maxRecordBytes) {

    public ReportRequest(Path projectDir, Path outputDir, RecordSource source, Path recordsDir, String manifestId,
            Map<String, String> env, Supplier<Registries> registries, Consumer<String> info,
            Consumer<String> warn, Consumer<String> workflowCommands) {
        this(projectDir, outputDir, source, recordsDir, manifestId, env, registries, info, warn, workflowCommands,
                LocalRecords.MAX_RECORD_BYTES);
    }

    /**
     * A request for a real run: this process's environment, commands on stdout.
     *
     * @param registries the build's registry clients, asked for only for {@link RecordSource#REGISTRY}
     */
    public static ReportRequest of(Path projectDir, Path outputDir, RecordSource source, Path recordsDir,
            String manifestId,
            Supplier<Registries> registries, Consumer<String> info, Consumer<String> warn,
            long maxRecordBytes) {
        return new ReportRequest(projectDir, outputDir, source, recordsDir,
                Text.blankToNull(manifestId), System.getenv(),
                registries, info, warn, System.out::println, maxRecordBytes);
    }
}
