package dev.factory.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives each entry of an image's final filesystem once. {@code content} is the file's bytes for
 * {@link FsEntry.Type#FILE} (valid only during the call; do not close it) and an empty stream otherwise.
 * Entries come in no particular order.
 */
@FunctionalInterface
public interface FsVisitor {
    void visit(FsEntry entry, InputStream content) throws IOException;
}
