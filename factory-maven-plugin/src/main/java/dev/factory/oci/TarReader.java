package dev.factory.oci;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Streams the entries of a tar (ustar, GNU long names and sparse files, PAX local and global headers) as
 * {@link TarEntry}s, reading with Commons Compress. Nothing is spooled: an entry's content is read as it
 * passes, and whatever the caller leaves unread is skipped by reading on (streams from pipes cannot seek).
 * Not thread-safe.
 *
 * <p>One thing is our own: Commons Compress decodes every PAX value as UTF-8, which replaces the bytes of a
 * binary extended attribute ({@code SCHILY.xattr.security.capability} of a file with {@code cap_setuid}, say)
 * with U+FFFD. The header bytes of each entry are therefore kept while Commons Compress reads them, and such
 * a value is taken from its record there instead.
 */
public final class TarReader {
    private static final String XATTR = "SCHILY.xattr.";
    /** More header bytes than this before one entry (PAX records, long names) is not an image layer but an attack. */
    static final int MAX_HEADER_BYTES = 16 * 1024 * 1024;

    private final HeaderTap tap;
    private final TarArchiveInputStream tar;
    private boolean inEntry;

    public TarReader(InputStream in) {
        this.tap = new HeaderTap(in);
        this.tar = new TarArchiveInputStream(tap, StandardCharsets.UTF_8.name());
    }

    /** The next entry, or null at the end of the archive. Unread content of the previous entry is skipped. */
    public TarEntry next() throws IOException {
        if (inEntry) {
            // read past the rest here, so that what the tap keeps below is only the next entry's headers
            while (tar.read(tap.scratch) >= 0) {
                // skipped
            }
        }
        long start = tar.getBytesRead();
        tap.record();
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } finally {
            tap.stop();
        }
        inEntry = entry != null;
        if (entry == null) {
            return null;
        }
        if (!entry.isCheckSumOK()) {
            throw new IOException(
                    "not a tar archive, or a corrupt one (header checksum mismatch after byte " + start + ")");
        }
        return toEntry(entry, tap);
    }

    /** The content of the current entry; valid until the next call to {@link #next()}; closing it does nothing. */
    public InputStream content() {
        return CloseShieldInputStream.wrap(tar);
    }

    private static TarEntry toEntry(TarArchiveEntry e, HeaderTap tap) throws IOException {
        char flag = (char) e.getLinkFlag();
        FsEntry.Type type = switch (flag) {
            case '0', '\0', '7' -> e.getName().endsWith("/") ? FsEntry.Type.DIRECTORY : FsEntry.Type.FILE;
            case '1' -> FsEntry.Type.HARDLINK;
            case '2' -> FsEntry.Type.SYMLINK;
            case '5' -> FsEntry.Type.DIRECTORY;
            default -> e.isSparse() ? FsEntry.Type.FILE : FsEntry.Type.OTHER;
        };
        String link = e.getLinkName();
        String linkTarget = type == FsEntry.Type.HARDLINK ? TarEntry.normalise(link)
                : type == FsEntry.Type.SYMLINK ? link : null;
        Map<String, String> xattrs = null;
        for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
            if (h.getKey().startsWith(XATTR)) {
                byte[] value = h.getValue().indexOf('\uFFFD') < 0 ? h.getValue().getBytes(StandardCharsets.UTF_8)
                        : rawPaxValue(tap.headers(), h.getKey());
                xattrs = xattrs == null ? new HashMap<>() : xattrs;
                xattrs.put(h.getKey().substring(XATTR.length()), new String(value, StandardCharsets.ISO_8859_1));
            }
        }
        return new TarEntry(TarEntry.normalise(e.getName()), type, flag,
                type == FsEntry.Type.FILE ? e.getRealSize() : 0,
                e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(), e.getUserName(), e.getGroupName(),
                linkTarget,
                e.getLastModifiedTime().toInstant().getEpochSecond(), e.getDevMajor(), e.getDevMinor(), xattrs);
    }

    /**
     * The raw value of the last PAX record {@code "<length> <key>=<value>\n"} for {@code key} in the header bytes
     * of one entry; the record's length must agree, so bytes of another value that look like the key do not match.
     */
    static byte[] rawPaxValue(byte[] headers, String key) throws IOException {
        byte[] needle = (" " + key + "=").getBytes(StandardCharsets.UTF_8);
        for (int at = lastIndexOf(headers, needle, headers.length - needle.length); at > 0; at = lastIndexOf(headers,
                needle, at - 1)) {
            int start = at;
            while (start > 0 && at - start < 9 && headers[start - 1] >= '0' && headers[start - 1] <= '9') {
                start--;
            }
            if (start == at) {
                continue;
            }
            int end = start + Integer.parseInt(new String(headers, start, at - start, StandardCharsets.US_ASCII));
            int valueStart = at + needle.length;
            if (end - 1 >= valueStart && end <= headers.length && headers[end - 1] == '\n') {
                return Arrays.copyOfRange(headers, valueStart, end - 1);
            }
        }
        throw new IOException("corrupt PAX header: no record for " + key);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = Math.min(from, haystack.length - needle.length); i >= 0; i--) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Keeps a copy of what is read while recording (the headers before one entry); skips by reading. */
    private static final class HeaderTap extends FilterInputStream {
        /** Also the buffer the reader skips content with. */
        final byte[] scratch = new byte[64 * 1024];
        /** One buffer for every entry's headers (a new one per entry was most of this reader's garbage). */
        private final ByteArrayOutputStream recorded = new ByteArrayOutputStream(4096);
        private boolean recording;

        HeaderTap(InputStream in) {
            super(in);
        }

        void record() {
            recorded.reset();
            recording = true;
        }

        void stop() {
            recording = false;
        }

        /** A copy of the last entry's headers, taken only when a PAX value has to be read from its bytes. */
        byte[] headers() {
            return recorded.toByteArray();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && recording) {
                keep(new byte[]{(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && recording) {
                keep(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // FileInputStream.skip on a pipe fails ("Illegal seek"); reading also keeps the tap complete
            long left = n;
            while (left > 0) {
                int read = read(scratch, 0, (int) Math.min(left, scratch.length));
                if (read < 0) {
                    break;
                }
                left -= read;
            }
            return n - left;
        }

        private void keep(byte[] b, int off, int len) throws IOException {
            if (recorded.size() + len > MAX_HEADER_BYTES) {
                throw new IOException("tar headers of more than " + MAX_HEADER_BYTES + " bytes before one entry are "
                        + "implausibly large");
            }
            recorded.write(b, off, len);
        }
    }
}
