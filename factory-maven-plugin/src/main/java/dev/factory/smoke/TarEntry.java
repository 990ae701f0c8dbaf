package dev.factory.smoke;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The first entry of a tar stream, as {@code docker cp CONTAINER:PATH -} gives it: the path itself
 * (its name is the path's last element). Reads ustar headers with GNU long names and PAX extended
 * headers, which is all docker writes. Enough for file tests; not a general tar reader.
 *
 * @param content the file's bytes up to the limit it was read with (empty for non-files)
 * @param truncated whether the file was longer than that limit
 */
public record TarEntry(String name, FileModes.Type type, int mode, long uid, long gid, long size, String linkTarget,
                       byte[] content, boolean truncated) {

    private static final int BLOCK = 512;

    /**
     * Reads the first real entry (skipping PAX and GNU long-name records) and, for a regular file, up to
     * {@code contentLimit} bytes of its content. Returns null when the stream holds no entry.
     */
    public static TarEntry readFirst(InputStream in, int contentLimit) throws IOException {
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (!readFully(in, header)) {
                return null;
            }
            if (allZero(header)) {
                return null;
            }
            char flag = (char) header[156];
            long size = number(header, 124, 12);
            if (flag == 'x' || flag == 'g') {
                byte[] data = readData(in, size);
                if (flag == 'x') {
                    pax.putAll(parsePax(data));
                }
                continue;
            }
            if (flag == 'L' || flag == 'K') {
                String text = cString(readData(in, size), 0, (int) size);
                if (flag == 'L') {
                    longName = text;
                } else {
                    longLink = text;
                }
                continue;
            }
            String name = cString(header, 0, 100);
            String magic = cString(header, 257, 6);
            if (magic.startsWith("ustar")) {
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            if (longName != null) {
                name = longName;
            }
            String link = longLink != null ? longLink : cString(header, 157, 100);
            name = pax.getOrDefault("path", name);
            link = pax.getOrDefault("linkpath", link);
            long uid = pax.containsKey("uid") ? Long.parseLong(pax.get("uid")) : number(header, 108, 8);
            long gid = pax.containsKey("gid") ? Long.parseLong(pax.get("gid")) : number(header, 116, 8);
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            int mode = (int) (number(header, 100, 8) & 07777);
            FileModes.Type type = type(flag);
            byte[] content = new byte[0];
            boolean truncated = false;
            if (type == FileModes.Type.FILE) {
                int keep = (int) Math.min(size, contentLimit);
                content = new byte[keep];
                if (!readFully(in, content)) {
                    throw new EOFException("tar stream ended inside " + name);
                }
                truncated = size > keep;
            }
            while (name.endsWith("/") && name.length() > 1) {
                name = name.substring(0, name.length() - 1);
            }
            return new TarEntry(name, type, mode, uid, gid, size, link.isEmpty() ? null : link, content, truncated);
        }
    }

    static FileModes.Type type(char flag) {
        switch (flag) {
            case '0':
            case '\0':
            case '7':
                return FileModes.Type.FILE;
            case '1':
                return FileModes.Type.HARDLINK;
            case '2':
                return FileModes.Type.SYMLINK;
            case '3':
                return FileModes.Type.CHAR_DEVICE;
            case '4':
                return FileModes.Type.BLOCK_DEVICE;
            case '5':
                return FileModes.Type.DIRECTORY;
            case '6':
                return FileModes.Type.FIFO;
            default:
                return FileModes.Type.OTHER;
        }
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar extended header of " + size + " bytes is implausibly large");
        }
        byte[] data = new byte[(int) size];
        if (!readFully(in, data)) {
            throw new EOFException("tar stream ended inside an extended header");
        }
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        in.skipNBytes(pad);
        return data;
    }

    /** PAX records: "LEN key=value\n" each. */
    static Map<String, String> parsePax(byte[] data) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            if (space >= data.length) {
                break;
            }
            int len = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
            if (len <= 0 || i + len > data.length) {
                break;
            }
            String record = new String(data, space + 1, len - (space - i) - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                out.put(record.substring(0, eq), record.substring(eq + 1));
            }
            i += len;
        }
        return out;
    }

    /** Octal, or GNU base-256 when the high bit of the first byte is set. */
    static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = h[off] & 0x7f;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        String s = cString(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int n = in.readNBytes(buf, 0, buf.length);
        return n == buf.length;
    }
}
