package dev.factory.oci;

import dev.factory.docker.Docker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the final filesystem of a built image wherever bake left it: pushed images are read from the
 * registry by digest, loaded ones are streamed from the engine through a container that never runs
 * ({@link ContainerExport}: {@code docker create} + {@code docker export}, about three times faster than
 * {@code docker image save} and nothing written to disk). Nothing is unpacked either way.
 */
public final class ImageFilesystems {
    private final Docker docker;
    private final Registries registries;
    private final Duration exportTimeout;
    private final String runId = ContainerExport.newRunId();
    private final AtomicInteger exports = new AtomicInteger();

    public ImageFilesystems(Docker docker, Registries registries, Duration exportTimeout) {
        this.docker = docker;
        this.registries = registries;
        this.exportTimeout = exportTimeout;
    }

    /**
     * @param repository the image repository (for a registry read by digest)
     * @param ref the per-platform reference in the local engine
     * @param digest the manifest (or per-platform index) digest bake reported
     */
    public ImageFilesystem open(String repository, String ref, String digest, String platform, boolean pushed) {
        Platform wanted = Platform.parse(platform);
        if (pushed && digest != null) {
            return visitor -> registries.open(ImageReference.parse(repository).withDigest(digest), wanted).filesystem()
                    .walk(visitor);
        }
        return new ContainerExport(docker, ref, wanted.toString(), exportTimeout, runId, exports);
    }
}
