package dev.factory.sbom;

import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import dev.factory.docker.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs {@code syft <ref> -o cyclonedx-json} for one image (argv through ProcessRunner, never a shell). */
public final class Syft {
    static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final Path executable;

    public Syft(Path executable) {
        this.executable = executable;
    }

    public Path executable() {
        return executable;
    }

    /** syft's CycloneDX JSON for the image; a failing syft is an environment error with its last words. */
    public byte[] cyclonedx(ImageTarget target) {
        byte[][] out = new byte[1][];
        ProcessRunner.Command command = ProcessRunner.Command.of(argv(target))
                .env(Map.of("SYFT_CHECK_FOR_APP_UPDATE", "false"))
                .timeout(TIMEOUT);
        ProcessRunner.Result result = ProcessRunner.stream(command, in -> out[0] = in.readAllBytes());
        if (result.timedOut()) {
            throw new EnvironmentException("syft did not finish within " + TIMEOUT.toMinutes() + " minutes for "
                    + target.describe() + "; use factory.sbom.generator=builtin, or run syft by hand to see why.");
        }
        if (result.exitCode() != 0) {
            throw new EnvironmentException("syft failed for " + target.describe() + " (exit " + result.exitCode()
                    + "): "
                    + Docker.lastLines(result.stderr(), 10) + ". Check that the image exists (run factory:bake again), "
                    + "or use factory.sbom.generator=builtin.");
        }
        return out[0];
    }

    List<String> argv(ImageTarget target) {
        return List.of(executable.toString(), target.ref(), "-o", "cyclonedx-json", "-q", "--platform",
                target.platform());
    }
}
