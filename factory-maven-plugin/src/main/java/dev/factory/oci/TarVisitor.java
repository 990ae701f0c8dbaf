package dev.factory.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * Like {@link FsVisitor}, with the full tar metadata of each final entry (xattrs, device numbers,
 * owner names): what a faithful copy such as repack needs.
 */
@FunctionalInterface
public interface TarVisitor {
    void visit(TarEntry entry, InputStream content) throws IOException;
}
