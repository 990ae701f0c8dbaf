package dev.factory.sbom;

import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What factory:sbom needs.
 *
 * @param outputDir Factory's output folder ({@code target/factory}) with builds.json and the builds
 * @param generator the requested generator; resolved against {@code syft}'s presence before any image is read
 * @param timestamp metadata.timestamp of every SBOM (the output timestamp, or now)
 * @param factoryVersion the plugin's version, listed as the tool
 * @param syft syft when it is on the PATH, else null
 * @param filesystems opens image filesystems for the built-in cataloger
 * @param info progress lines for the build log
 * @param warn warnings for the build log (unreadable archives, platforms that were not built)
 */
public record SbomRequest(Path outputDir, SbomGenerator generator, Instant timestamp, String factoryVersion, Syft syft,
        ImageFilesystemSource filesystems, Consumer<String> info, Consumer<String> warn) {

    /** A request that looks for syft on this process's PATH. */
    public static SbomRequest onPath(Path outputDir, SbomGenerator generator, Instant timestamp, String factoryVersion,
            ImageFilesystemSource filesystems, Consumer<String> info, Consumer<String> warn) {
        Syft syft = Executables.onPath("syft").map(Syft::new).orElse(null);
        return new SbomRequest(outputDir, generator, timestamp, factoryVersion, syft, filesystems, info, warn);
    }
}
