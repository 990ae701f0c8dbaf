package dev.factory.sbom;

import dev.factory.oci.ImageFilesystem;

/**
 * Opens the final filesystem of an image for the built-in cataloger. The image reader of
 * {@code dev.factory.oci} provides the real one (a pushed image's layers pulled from the registry with
 * whiteouts applied; a loaded one's flattened filesystem streamed by {@code docker export} of a container
 * that never runs); tests use in-memory fakes.
 */
@FunctionalInterface
public interface ImageFilesystemSource {
    /**
     * @throws dev.factory.EnvironmentException when the image cannot be found or read (say which and what to do)
     */
    ImageFilesystem open(ImageTarget target);
}
