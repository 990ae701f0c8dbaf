package dev.factory.stitch;

import dev.factory.manifest.InputLimits;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What stitch needs, free of Maven: where the inputs are, where outputs go, and the Maven project
 * facts fragments may use ({@code $project.version}, {@code $project.properties}).
 *
 * @param factoryDir the project's {@code src/main/factory} (project fragments and templates)
 * @param manifestId only this manifest (and its plans), or null for all
 * @param build only the variant with this build id (one CI job per variant), or null for all
 * @param mirror {@code REGISTRY/PREFIX} for public bases, or null
 * @param log receives one line per build and a summary
 * @param limits the size of each input file and the most variants (factory.maxInputSize, factory.maxVariants)
 * @param bases resolves the bases to their digests (registry, engine); null to leave them unresolved
 * @param pin write {@code FROM ref@digest} with the digest the base resolved to (factory.base.pin)
 * @param warn bases that could not be resolved (said once)
 */
public record StitchRequest(
        Path projectDir,
        Path factoryDir,
        Path manifestsDir,
        Path plansDir,
        Path outputDir,
        String manifestId,
        String build,
        String mirror,
        Map<String, Object> project,
        ClassLoader libraries,
        Consumer<String> log,
        InputLimits limits,
        BaseDigests bases,
        boolean pin,
        Consumer<String> warn) {

    /** Without base digests. */
    public StitchRequest(Path projectDir, Path factoryDir, Path manifestsDir, Path plansDir, Path outputDir,
            String manifestId,
            String build, String mirror, Map<String, Object> project, ClassLoader libraries, Consumer<String> log,
            InputLimits limits) {
        this(projectDir, factoryDir, manifestsDir, plansDir, outputDir, manifestId, build, mirror, project, libraries,
                log,
                limits, null, false, log);
    }

    /** With the default limits. */
    public StitchRequest(Path projectDir, Path factoryDir, Path manifestsDir, Path plansDir, Path outputDir,
            String manifestId,
            String build, String mirror, Map<String, Object> project, ClassLoader libraries, Consumer<String> log) {
        this(projectDir, factoryDir, manifestsDir, plansDir, outputDir, manifestId, build, mirror, project, libraries,
                log,
                InputLimits.DEFAULTS);
    }
}
