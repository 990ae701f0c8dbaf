package dev.factory.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's blobs come from: a registry, a {@code docker image save} archive, an OCI layout.
 * Streams are verified against the descriptor's digest and size as they are read: a mismatch is an
 * {@link IOException} at the end of the stream.
 */
public interface BlobSource {

    /** Opens a blob; the caller closes the stream. */
    InputStream open(Descriptor blob) throws IOException;

    /** Reads a small blob (a manifest or config) whole; refuses one over {@code limit} bytes. */
    default byte[] readAll(Descriptor blob, int limit) throws IOException {
        if (blob.size() > limit) {
            throw new IOException("blob " + blob.digest() + " is " + blob.size() + " bytes, more than the " + limit
                    + " expected for a " + blob.mediaType());
        }
        try (InputStream in = open(blob)) {
            return in.readAllBytes();
        }
    }

    /** Where the blobs come from, for messages (e.g. {@code localhost:5000/app} or {@code the local engine}). */
    String describe();
}
