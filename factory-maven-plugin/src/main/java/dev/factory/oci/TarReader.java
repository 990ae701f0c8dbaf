package dev.factory.oci;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A streaming tar reader for the formats image layers use: ustar, GNU (long names, base-256
 * numbers) and PAX (per-file and global headers; {@code SCHILY.xattr.*} kept raw). Sparse files are
 * refused: no image builder writes them. Not thread-safe.
 */
public final class TarReader {
    static final int BLOCK = 512;

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long position;
    private long remaining;
    private long padding;
    private long dataOffset;

    public TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. Unread content of the previous entry is skipped. */
    public TarEntry next() throws IOException {
        skipRest();
        Map<String, byte[]> pax = new HashMap<>(globalPax);
        String longName = null;
        String longLink = null;
        while (true) {
            if (!readBlock()) {
                return null;
            }
            if (isZero(header)) {
                return null;
            }
            verifyChecksum();
            char flag = (char) (header[156] & 0xff);
            long size = number(124, 12);
            switch (flag) {
                case 'x', 'X' -> {
                    parsePax(readData(size), pax);
                    continue;
                }
                case 'g' -> {
                    parsePax(readData(size), globalPax);
                    pax.putAll(globalPax);
                    continue;
                }
                case 'L' -> {
                    longName = cString(readData(size));
                    continue;
                }
                case 'K' -> {
                    longLink = cString(readData(size));
                    continue;
                }
                case 'S' -> throw new IOException("sparse tar entries are not supported ("
                        + string(0, 100) + ")");
                default -> { }
            }
            return entry(flag, size, pax, longName, longLink);
        }
    }

    /** The content of the current entry; valid until the next call to {@link #next()}. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("tar entry truncated");
                }
                remaining--;
                position++;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar entry truncated");
                }
                remaining -= n;
                position += n;
                return n;
            }

            @Override
            public void close() {
                // the archive stays open; the rest of the entry is skipped by next()
            }
        };
    }

    /** Where the current entry's content starts in the archive (for an index of a seekable archive). */
    public long dataOffset() {
        return dataOffset;
    }

    private TarEntry entry(char flag, long headerSize, Map<String, byte[]> pax, String longName, String longLink)
            throws IOException {
        String name = longName != null ? longName : headerName();
        String link = longLink != null ? longLink : string(157, 100);
        long size = headerSize;
        long uid = number(108, 8);
        long gid = number(116, 8);
        long mtime = number(136, 12);
        String uname = string(265, 32);
        String gname = string(297, 32);
        Map<String, String> xattrs = new HashMap<>();
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            String key = e.getKey();
            String value = new String(e.getValue(), StandardCharsets.UTF_8);
            switch (key) {
                case "path" -> name = value;
                case "linkpath" -> link = value;
                case "size" -> size = Long.parseLong(value.trim());
                case "uid" -> uid = Long.parseLong(value.trim());
                case "gid" -> gid = Long.parseLong(value.trim());
                case "uname" -> uname = value;
                case "gname" -> gname = value;
                case "mtime" -> mtime = (long) Math.floor(Double.parseDouble(value.trim()));
                default -> {
                    if (key.startsWith("SCHILY.xattr.")) {
                        xattrs.put(key.substring("SCHILY.xattr.".length()),
                                new String(e.getValue(), StandardCharsets.ISO_8859_1));
                    } else if (key.startsWith("GNU.sparse.")) {
                        throw new IOException("sparse tar entries are not supported (" + name + ")");
                    }
                }
            }
        }
        FsEntry.Type type = switch (flag) {
            case '0', '\0', '7' -> name.endsWith("/") ? FsEntry.Type.DIRECTORY : FsEntry.Type.FILE;
            case '1' -> FsEntry.Type.HARDLINK;
            case '2' -> FsEntry.Type.SYMLINK;
            case '5' -> FsEntry.Type.DIRECTORY;
            default -> FsEntry.Type.OTHER;
        };
        int mode = (int) (number(100, 8) & 07777);
        int devMajor = (int) number(329, 8);
        int devMinor = (int) number(337, 8);
        // header-only types carry no data whatever the size field says (as Go's archive/tar, which engines use, reads them)
        boolean headerOnly = flag == '1' || flag == '2' || flag == '3' || flag == '4' || flag == '5' || flag == '6';
        long dataSize = headerOnly ? 0 : size;
        remaining = dataSize;
        padding = pad(dataSize);
        dataOffset = position;
        String linkTarget = type == FsEntry.Type.HARDLINK ? TarEntry.normalise(link)
                : type == FsEntry.Type.SYMLINK ? link : null;
        long entrySize = type == FsEntry.Type.FILE ? size : 0;
        return new TarEntry(TarEntry.normalise(name), type, flag, entrySize, mode, uid, gid, uname, gname, linkTarget,
                mtime, devMajor, devMinor, xattrs);
    }

    private String headerName() {
        String name = string(0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        if (ustar) {
            String prefix = string(345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private void skipRest() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
    }

    private byte[] readData(long size) throws IOException {
        if (size > 16 * 1024 * 1024) {
            throw new IOException("tar extension header of " + size + " bytes is implausibly large");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("tar archive truncated in an extension header");
        }
        position += size;
        skip(pad(size));
        return data;
    }

    private boolean readBlock() throws IOException {
        int n = in.readNBytes(header, 0, BLOCK);
        position += n;
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("tar archive truncated (a header is " + n + " bytes)");
        }
        return true;
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive truncated");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        position += n;
    }

    private static long pad(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private void verifyChecksum() throws IOException {
        long stored = number(148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new IOException("not a tar archive, or a corrupt one (header checksum mismatch at byte "
                    + (position - BLOCK) + ")");
        }
    }

    private long number(int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            // GNU base-256: big-endian two's complement in the remaining bytes
            long value = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        boolean any = false;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b == 0 || (b == ' ' && any)) {
                break;
            }
            if (b == ' ') {
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException("not a tar archive, or a corrupt one (bad number field at byte "
                        + (position - BLOCK + offset) + ")");
            }
            value = value * 8 + (b - '0');
            any = true;
        }
        return value;
    }

    private String string(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** PAX records: {@code "<len> <key>=<value>\n"}, the length counting the whole record. */
    static void parsePax(byte[] data, Map<String, byte[]> into) throws IOException {
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            if (space >= data.length) {
                break;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("corrupt PAX header record", e);
            }
            int end = i + length;
            if (length <= 0 || end > data.length) {
                throw new IOException("corrupt PAX header record");
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
            if (value.length == 0) {
                into.remove(key);
            } else {
                into.put(key, value);
            }
            i = end;
        }
    }
}
