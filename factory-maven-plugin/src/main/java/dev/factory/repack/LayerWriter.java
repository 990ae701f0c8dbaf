package dev.factory.repack;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.factory.io.Hashing;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Digests;
import dev.factory.oci.FsEntry;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.TarWriter;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Writes one planned layer as a zstd-compressed tar into a file, computing the diff id (sha256 of the
 * tar) and the blob digest (sha256 of the compressed bytes) on the way. zstd runs single-threaded
 * with a fixed level, so the same entries always give the same bytes.
 */
final class LayerWriter {

    /** A finished layer blob. */
    record LayerFile(Descriptor descriptor, String diffId, long uncompressedSize, int entries, Path file) {}

    private LayerWriter() {}

    static LayerFile write(LayerPlanner.PlannedLayer layer, ContentSpool spool, int level, Path file)
            throws IOException {
        DigestingStream compressed;
        DigestingStream tarBytes;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024)) {
            compressed = new DigestingStream(out);
            try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(compressed, level)) {
                zstd.setChecksum(false);
                tarBytes = new DigestingStream(zstd);
                TarWriter tar = new TarWriter(tarBytes);
                for (LayerPlanner.Node node : layer.entries()) {
                    if (node.entry().type() == FsEntry.Type.FILE && node.entry().size() > 0) {
                        try (InputStream content = spool.open(node.sha256())) {
                            tar.write(node.entry(), content);
                        }
                    } else {
                        tar.write(node.entry(), InputStream.nullInputStream());
                    }
                }
                tar.finish();
                tarBytes.flush();
            }
        }
        Descriptor descriptor = Descriptor.of(MediaTypes.OCI_LAYER_ZSTD, Digests.of(compressed.digest),
                compressed.count);
        return new LayerFile(descriptor, Digests.of(tarBytes.digest), tarBytes.count, layer.entries().size(), file);
    }

    /** Hashes and counts what passes through. */
    private static final class DigestingStream extends FilterOutputStream {
        final MessageDigest digest = Hashing.sha256();
        long count;

        DigestingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            // the layer file is closed by its owner
            flush();
        }
    }
}
