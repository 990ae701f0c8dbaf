package dev.factory.oci;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Layer compression: gzip, zstd or none, recognised by the magic bytes (the media type is only a cross-check). */
public enum Compression {
    NONE, GZIP, ZSTD;

    private static final int BUFFER = 64 * 1024;

    /** The compression a media type announces; {@code null} when it does not say (Docker's and OCI's plain tar say NONE). */
    public static Compression ofMediaType(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        if (mediaType.endsWith("+zstd") || mediaType.endsWith(".zstd")) {
            return ZSTD;
        }
        if (mediaType.endsWith("+gzip") || mediaType.endsWith(".gzip")) {
            return GZIP;
        }
        if (mediaType.endsWith(".tar") || mediaType.endsWith("layer.v1.tar")) {
            return NONE;
        }
        return null;
    }

    /** Sniffs the first bytes: gzip {@code 1f 8b}, zstd {@code 28 b5 2f fd}, else an uncompressed tar. */
    public static Compression sniff(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /**
     * The uncompressed tar stream of a layer. The compression is recognised by magic bytes, so a layer
     * whose media type is wrong (it happens with hand-made images) still reads; {@code what} names the
     * layer in errors.
     */
    public static InputStream decompress(InputStream raw, String mediaType, String what) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(8);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        in.reset();
        Compression actual = sniff(head, n);
        Compression announced = ofMediaType(mediaType);
        if (announced != null && announced != NONE && actual == NONE) {
            throw new IOException(
                    what + " is announced as " + mediaType + " but is not " + announced.name().toLowerCase()
                            + "-compressed");
        }
        return switch (actual) {
            case GZIP -> new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStreamNoFinalizer(in), BUFFER);
            case NONE -> in;
        };
    }
}
