package dev.factory.oci;

import dev.factory.io.Hashing;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** OCI content digests; Factory writes and verifies {@code sha256:<64 hex>} only. */
public final class Digests {
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {}

    public static String of(byte[] bytes) {
        return "sha256:" + Hashing.sha256(bytes);
    }

    public static String of(MessageDigest finished) {
        return "sha256:" + HexFormat.of().formatHex(finished.digest());
    }

    public static boolean isDigest(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** The hex part of {@code sha256:<hex>}. */
    public static String hex(String digest) {
        requireValid(digest);
        return digest.substring("sha256:".length());
    }

    public static String requireValid(String digest) {
        if (!isDigest(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest;
    }
}
