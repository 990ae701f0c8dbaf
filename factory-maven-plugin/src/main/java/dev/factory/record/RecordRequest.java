package dev.factory.record;

import dev.factory.docker.Docker;
import dev.factory.docker.EngineInfo;
import dev.factory.docker.Git;
import dev.factory.io.Text;
import dev.factory.oci.Registries;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What factory:record needs.
 *
 * @param projectDir paths in records are relative to it
 * @param outputDir Factory's output folder ({@code target/factory}) with builds.json and the builds
 * @param recordsDir where records are written ({@code <records>/<manifest-id>/...json})
 * @param manifestId only the builds of this manifest; null for all
 * @param platform only this platform (CI jobs split by architecture); null for all
 * @param push whether records and SBOMs are pushed as referrers of their images
 * @param factoryVersion the plugin's version, for {@code tools.factory}
 * @param engine docker and buildx versions; may throw when the engine is absent (the versions are then unknown)
 * @param source the project's commit and dirty flag
 * @param env the process environment (CI variables)
 * @param clock the records' {@code created}
 * @param registries the registry clients, made only when something is pushed
 * @param written called for each record once all are on disk, before any push (the Mojo attaches them)
 * @param maxRecordBytes earlier records larger than this are not read back (factory.maxInputSize)
 */
public record RecordRequest(Path projectDir, Path outputDir, Path recordsDir, String manifestId, String platform,
        PushMode push, String factoryVersion, Supplier<EngineInfo> engine,
        Supplier<CompatibilityRecord.Source> source, Map<String, String> env, Clock clock,
        Supplier<Registries> registries, Consumer<String> info, Consumer<String> warn,
        Consumer<RecordFiles.Written> written, long maxRecordBytes) {

    public RecordRequest(Path projectDir, Path outputDir, Path recordsDir, String manifestId, String platform,
            PushMode push, String factoryVersion, Supplier<EngineInfo> engine,
            Supplier<CompatibilityRecord.Source> source, Map<String, String> env, Clock clock,
            Supplier<Registries> registries, Consumer<String> info, Consumer<String> warn,
            Consumer<RecordFiles.Written> written) {
        this(projectDir, outputDir, recordsDir, manifestId, platform, push, factoryVersion, engine, source, env, clock,
                registries, info, warn, written, LocalRecords.MAX_RECORD_BYTES);
    }

    /**
     * A request for a real run: the engine through {@code docker}, git in the project, this process's environment.
     *
     * @param registries the build's registry clients (credentials, proxies, insecure registries), asked for only
     *     when something is pushed
     */
    public static RecordRequest of(Path projectDir, Path outputDir, Path recordsDir, String manifestId, String platform,
            PushMode push, String factoryVersion, Docker docker, Supplier<Registries> registries,
            Consumer<String> info,
            Consumer<String> warn, Consumer<RecordFiles.Written> written, long maxRecordBytes) {
        Map<String, String> env = System.getenv();
        Supplier<CompatibilityRecord.Source> source = () -> {
            String commit = Git.revision(projectDir);
            return commit != null ? new CompatibilityRecord.Source(commit, Git.dirty(projectDir))
                    : new CompatibilityRecord.Source(new CiEnvironment(env).commit(), null);
        };
        return new RecordRequest(projectDir, outputDir, recordsDir, Text.blankToNull(manifestId),
                Text.blankToNull(platform), push,
                factoryVersion, docker::check, source, env, Clock.systemUTC(), registries, info, warn,
                written, maxRecordBytes);
    }
}
