package dev.factory.oci;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes reproducible tar streams: ustar headers with exactly the metadata of each {@link TarEntry}
 * (nothing taken from the clock or the machine), and a PAX extended header only when ustar cannot hold
 * a value (long or non-ASCII names, large ids, sizes or times) or the entry has xattrs. Directories
 * get a trailing slash. The caller decides the order of the entries.
 */
public final class TarWriter {
    private static final int BLOCK = TarReader.BLOCK;
    private static final long MAX_OCTAL_7 = 07777777L;
    private static final long MAX_OCTAL_11 = 077777777777L;

    private final OutputStream out;
    private long written;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far (headers, content and padding). */
    public long written() {
        return written;
    }

    /** Writes one entry; {@code content} must hold exactly {@code entry.size()} bytes for a FILE (ignored otherwise). */
    public void write(TarEntry entry, InputStream content) throws IOException {
        String name = entry.type() == FsEntry.Type.DIRECTORY ? entry.path() + "/" : entry.path();
        String link = entry.linkTarget() == null ? "" : entry.linkTarget();
        long size = entry.type() == FsEntry.Type.FILE ? entry.size() : 0;

        Map<String, byte[]> pax = new LinkedHashMap<>();
        String[] split = splitName(name);
        if (split == null) {
            pax.put("path", utf8(name));
            split = new String[] {"", truncate(name, 100)};
        }
        if (!fitsAscii(link, 100)) {
            pax.put("linkpath", utf8(link));
            link = truncate(link, 100);
        }
        long uid = entry.uid();
        long gid = entry.gid();
        if (uid < 0 || uid > MAX_OCTAL_7) {
            pax.put("uid", utf8(Long.toString(uid)));
            uid = 0;
        }
        if (gid < 0 || gid > MAX_OCTAL_7) {
            pax.put("gid", utf8(Long.toString(gid)));
            gid = 0;
        }
        String uname = entry.uname();
        String gname = entry.gname();
        if (!fitsAscii(uname, 32)) {
            pax.put("uname", utf8(uname));
            uname = "";
        }
        if (!fitsAscii(gname, 32)) {
            pax.put("gname", utf8(gname));
            gname = "";
        }
        long mtime = entry.mtime();
        if (mtime < 0 || mtime > MAX_OCTAL_11) {
            pax.put("mtime", utf8(Long.toString(mtime)));
            mtime = 0;
        }
        long headerSize = size;
        if (size > MAX_OCTAL_11) {
            pax.put("size", utf8(Long.toString(size)));
            headerSize = 0;
        }
        for (Map.Entry<String, String> x : entry.xattrs().entrySet()) {
            pax.put("SCHILY.xattr." + x.getKey(), x.getValue().getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            byte[] paxHeader = header("PaxHeaders/" + truncate(entry.name(), 80), "", 'x', records.length, 0644, 0, 0, "", "",
                    entry.mtime() < 0 || entry.mtime() > MAX_OCTAL_11 ? 0 : entry.mtime(), 0, 0);
            emit(paxHeader);
            emit(records);
            pad(records.length);
        }
        char flag = switch (entry.type()) {
            case FILE -> '0';
            case HARDLINK -> '1';
            case SYMLINK -> '2';
            case DIRECTORY -> '5';
            case OTHER -> entry.typeFlag();
        };
        byte[] header = header(split[1], split[0], flag, headerSize, entry.mode(), uid, gid, uname, gname, mtime,
                entry.devMajor(), entry.devMinor(), link);
        emit(header);
        if (size > 0) {
            byte[] buffer = new byte[64 * 1024];
            long left = size;
            while (left > 0) {
                int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("content of " + entry.path() + " ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                written += n;
                left -= n;
            }
            pad(size);
        }
    }

    /** The end-of-archive marker (two zero blocks); does not close the stream. */
    public void finish() throws IOException {
        emit(new byte[2 * BLOCK]);
    }

    private byte[] header(String name, String prefix, char flag, long size, int mode, long uid, long gid, String uname,
                          String gname, long mtime, int devMajor, int devMinor) {
        return header(name, prefix, flag, size, mode, uid, gid, uname, gname, mtime, devMajor, devMinor, "");
    }

    private static byte[] header(String name, String prefix, char flag, long size, int mode, long uid, long gid,
                                 String uname, String gname, long mtime, int devMajor, int devMinor, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) flag;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        h[263] = '0';
        h[264] = '0';
        put(h, 265, 32, uname);
        put(h, 297, 32, gname);
        if (flag == '3' || flag == '4') {
            octal(h, 329, 8, devMajor);
            octal(h, 337, 8, devMinor);
        }
        put(h, 345, 155, prefix);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        String chk = String.format("%06o", sum);
        put(h, 148, 6, chk);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** {prefix, name} when the path fits ustar's fields in ASCII, else null. */
    private static String[] splitName(String name) {
        if (!isAscii(name)) {
            return null;
        }
        if (name.length() <= 100) {
            return new String[] {"", name};
        }
        // the prefix ends at a slash; the name part may not be empty
        for (int i = Math.min(name.length() - 2, 155); i > 0; i--) {
            if (name.charAt(i) == '/' && name.length() - i - 1 <= 100) {
                return new String[] {name.substring(0, i), name.substring(i + 1)};
            }
        }
        return null;
    }

    private static boolean fitsAscii(String s, int max) {
        return s.length() <= max && isAscii(s);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 126) {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c > 0 && c < 127 ? c : '_');
        }
        return b.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records {@code "<len> <key>=<value>\n"} where len counts the whole record, its own digits included. */
    private static byte[] paxRecords(Map<String, byte[]> pax) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            byte[] key = utf8(e.getKey());
            int rest = 1 + key.length + 1 + e.getValue().length + 1;
            int len = rest + Integer.toString(rest).length();
            if (Integer.toString(len).length() != Integer.toString(rest).length()) {
                len = rest + Integer.toString(len).length();
            }
            buf.writeBytes(utf8(Integer.toString(len)));
            buf.write(' ');
            buf.writeBytes(key);
            buf.write('=');
            buf.writeBytes(e.getValue());
            buf.write('\n');
        }
        return buf.toByteArray();
    }

    private static void put(byte[] h, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, offset, Math.min(bytes.length, length));
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - s.length())) + s;
        put(h, offset, length - 1, padded);
    }

    private void emit(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad(long size) throws IOException {
        long rest = size % BLOCK;
        if (rest != 0) {
            emit(new byte[(int) (BLOCK - rest)]);
        }
    }
}
