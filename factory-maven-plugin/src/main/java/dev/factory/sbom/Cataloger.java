package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds one kind of package in an image's files. The walk offers every regular file once, in no
 * particular order; a cataloger says from the path (and, where it must, the entry's mode and size) whether it
 * wants the content, so that the bytes of all other files are never touched.
 */
interface Cataloger {
    /** Whether {@code path} (relative, no leading slash) is a file this cataloger reads. Must be cheap. */
    boolean wants(String path);

    /** Like {@link #wants(String)}, for catalogers that also decide by the entry (its mode or size). Must be cheap. */
    default boolean wants(FsEntry entry, String path) {
        return wants(path);
    }

    /** Reads a wanted file; {@code content} is valid only during the call and must not be closed. */
    void read(FsEntry entry, String path, InputStream content) throws IOException;

    /** The packages found, once the walk is over; {@code distro} may be null when the image has no os-release. */
    List<FoundPackage> packages(Distro distro);
}
