package dev.factory.oci;

import java.io.IOException;

/** An image's final filesystem, read by streaming its layers (never unpacked to disk). */
public interface ImageFilesystem {
    void walk(FsVisitor visitor) throws IOException;
}
