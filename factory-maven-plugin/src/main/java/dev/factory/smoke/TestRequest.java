package dev.factory.smoke;

import dev.factory.docker.Docker;
import dev.factory.manifest.InputLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What factory:test needs, free of Maven.
 *
 * @param factoryDir the project's {@code src/main/factory} (project fragments are looked up there first)
 * @param outputDir {@code target/factory}: builds.json, builds/&lt;build&gt;/image.json, and where results go
 * @param reportsDir where Surefire-style {@code TEST-*.xml} copies go ({@code target/failsafe-reports}), or null for none
 * @param libraries the class loader with the fragment libraries (the plugin's)
 * @param manifestId only builds of this manifest, or null for all
 * @param platform only this platform (CI jobs split by architecture), or null for every built one
 * @param tagSuffix appended to each platform's image reference (e.g. {@code -repacked}), or null
 * @param parallel how many builds are tested at once
 * @param timeout a test's timeout when its spec sets none
 * @param outputLimit bytes of stdout and of stderr kept per command in the evidence
 * @param emulationFactor timeouts are multiplied by this on platforms the engine emulates (QEMU)
 * @param failureIgnore report failed tests but do not fail the goal
 * @param limits the largest manifest, plan, fragment and test file read (factory.maxInputSize)
 */
public record TestRequest(
        Path projectDir,
        Path factoryDir,
        Path outputDir,
        Path reportsDir,
        ClassLoader libraries,
        String manifestId,
        String platform,
        String tagSuffix,
        int parallel,
        Duration timeout,
        int outputLimit,
        double emulationFactor,
        boolean failureIgnore,
        Docker docker,
        Consumer<String> info,
        Consumer<String> warn,
        InputLimits limits) {

    /** With the default input limits. */
    public TestRequest(Path projectDir, Path factoryDir, Path outputDir, Path reportsDir, ClassLoader libraries,
            String manifestId,
            String platform, String tagSuffix, int parallel, Duration timeout, int outputLimit, double emulationFactor,
            boolean failureIgnore, Docker docker, Consumer<String> info, Consumer<String> warn) {
        this(projectDir, factoryDir, outputDir, reportsDir, libraries, manifestId, platform, tagSuffix, parallel,
                timeout,
                outputLimit, emulationFactor, failureIgnore, docker, info, warn, InputLimits.DEFAULTS);
    }

}
