package dev.factory.oci;

import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens the final filesystem of a built image wherever bake left it: pushed images are read from the
 * registry by digest, loaded ones are exported from the engine (spooled compressed, deleted after the
 * walk). Nothing is unpacked either way.
 */
public final class ImageFilesystems {
    private final Docker docker;
    private final Registries registries;
    private final Path workDir;
    private final Duration exportTimeout;

    public ImageFilesystems(Docker docker, Registries registries, Path workDir, Duration exportTimeout) {
        this.docker = docker;
        this.registries = registries;
        this.workDir = workDir;
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
            return visitor -> registries.open(ImageReference.parse(repository).withDigest(digest), wanted).filesystem().walk(visitor);
        }
        return visitor -> {
            try (ImageArchive archive = new LocalImages(docker, workDir, exportTimeout).export(ref)) {
                LocalImages.image(archive, ref, wanted).filesystem().walk(visitor);
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read the export of " + ref + ": " + e.getMessage(), e);
            }
        };
    }
}
