package dev.factory.repack;

import dev.factory.EnvironmentException;
import dev.factory.docker.MissingToolException;
import dev.factory.docker.ProcessRunner;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Image;
import dev.factory.oci.OciLayout;
import dev.factory.oci.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delegates repacking to the {@code docker-repack} binary ({@code docker-repack SOURCE oci://DIR
 * --target-size=NMB}) and reads its OCI layout back, so publishing is the same as for the built-in
 * engine. The zstd level is docker-repack's own; the target size is passed in whole MB, rounded up.
 */
final class DockerRepack {
    static final String BINARY = "docker-repack";

    private DockerRepack() {}

    /** Fails early, before anything is read or pushed, when the binary is not there. */
    static void check() {
        try {
            ProcessRunner.run(ProcessRunner.Command.of(List.of(BINARY, "--version")).timeout(Duration.ofSeconds(30)));
        } catch (MissingToolException e) {
            throw new EnvironmentException("factory.repack.engine=docker-repack, but docker-repack is not on the PATH. "
                    + "Install it (cargo install docker-repack, or a release binary), or use the built-in engine "
                    + "(factory.repack.engine=builtin).", e);
        }
    }

    /**
     * @param source what docker-repack reads: {@code docker://REF@DIGEST} or {@code oci://DIR}
     */
    static RepackedImage repack(String source, Image original, Path workDir, RepackOptions options, Duration timeout,
            Consumer<String> log) {
        Path out = workDir.resolve("docker-repack");
        long mb = (options.targetSize() + 1024 * 1024 - 1) / (1024 * 1024);
        List<String> argv = List.of(BINARY, source, "oci://" + out, "--target-size=" + mb + "MB");
        ProcessRunner.Result r = ProcessRunner.run(ProcessRunner.Command.of(argv).timeout(timeout).streaming(log, log));
        if (!r.ok()) {
            throw new EnvironmentException(
                    "docker-repack failed on " + source + (r.timedOut() ? " (timed out)" : " (exit "
                            + r.exitCode() + ")") + ": " + dev.factory.docker.Docker.lastLines(r.stderr(), 5));
        }
        try {
            OciLayout layout = OciLayout.at(out);
            Platform platform = original.platform();
            Image repacked = layout.image(null, platform);
            List<LayerWriter.LayerFile> layers = new ArrayList<>();
            List<String> diffIds = repacked.config().diffIds();
            List<Descriptor> descriptors = repacked.manifest().layers();
            for (int i = 0; i < descriptors.size(); i++) {
                Descriptor d = descriptors.get(i);
                layers.add(new LayerWriter.LayerFile(d, i < diffIds.size() ? diffIds.get(i) : null, -1, -1,
                        layout.blobPath(d.digest())));
            }
            return new RepackedImage(platform, original.digest(), original.layersSize(),
                    original.manifest().layers().size(),
                    repacked.manifest(), repacked.config(), layers, null, 0);
        } catch (IOException e) {
            throw new EnvironmentException("docker-repack's output " + out + " cannot be read: " + e.getMessage(), e);
        }
    }
}
