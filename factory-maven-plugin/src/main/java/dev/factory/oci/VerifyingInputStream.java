package dev.factory.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes a blob through while hashing it; at the end, a digest or size mismatch is an IOException. */
public final class VerifyingInputStream extends FilterInputStream {
    private final String expectedDigest;
    private final long expectedSize;
    private final MessageDigest digest = dev.factory.io.Hashing.sha256();
    private long count;
    private boolean checked;

    /** @param expectedSize -1 when unknown */
    public VerifyingInputStream(InputStream in, String expectedDigest, long expectedSize) {
        super(in);
        this.expectedDigest = expectedDigest;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            check();
        } else {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedSize >= 0 && count != expectedSize) {
            throw new IOException("blob " + expectedDigest + " has " + count + " bytes, " + expectedSize + " expected");
        }
        String actual = Digests.of(digest);
        if (!actual.equals(expectedDigest)) {
            throw new IOException(
                    "blob content does not match its digest: expected " + expectedDigest + ", got " + actual);
        }
    }
}
