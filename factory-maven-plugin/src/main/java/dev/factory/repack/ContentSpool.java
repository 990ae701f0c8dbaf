package dev.factory.repack;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Hashing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A content-addressed store of file contents in a temporary directory, each distinct content once,
 * compressed with fast zstd. It lets repack read the source image once, in the source's order, and
 * then write layers in sorted order; the compressed size of each content is the estimate layer
 * planning works with. Deleted on close.
 */
final class ContentSpool implements Closeable {
    private static final int SPOOL_LEVEL = 1;

    /** A stored content: its sha256 (hex), size and compressed size in the spool. */
    record Stored(String sha256, long size, long spooledSize) {}

    private final Path dir;
    private long counter;

    ContentSpool(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    Stored store(InputStream content) throws IOException {
        Path temp = dir.resolve("incoming-" + (counter++));
        MessageDigest digest = Hashing.sha256();
        long size = 0;
        CountingOutputStream counted;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
            counted = new CountingOutputStream(file);
            try (ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(counted, SPOOL_LEVEL)) {
                z.setCloseFrameOnFlush(false);
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0;) {
                    digest.update(buffer, 0, n);
                    z.write(buffer, 0, n);
                    size += n;
                }
            }
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        Path target = dir.resolve(sha);
        if (Files.exists(target)) {
            Files.delete(temp);
        } else {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Stored(sha, size, counted.count());
    }

    InputStream open(String sha256) throws IOException {
        return new BufferedInputStream(new ZstdInputStreamNoFinalizer(
                new BufferedInputStream(Files.newInputStream(dir.resolve(sha256)), 64 * 1024)), 64 * 1024);
    }

    @Override
    public void close() throws IOException {
        AtomicFiles.deleteTree(dir);
    }

    /** Counts the bytes passed through. */
    static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}
