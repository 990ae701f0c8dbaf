package dev.factory.oci;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.io.IOUtils;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * Writes reproducible tar streams with Commons Compress: ustar headers with exactly the metadata of each
 * {@link TarEntry} (nothing taken from the clock or the machine), and a PAX extended header only when ustar
 * cannot hold a value (long or non-ASCII names, large ids, sizes or times) or the entry has xattrs.
 * Directories get a trailing slash. The caller decides the order of the entries.
 *
 * <p>The PAX records are our own: Commons Compress writes its PAX headers with the JVM's {@code user.name} as
 * their owner (so the same layer would differ from one build machine to the next) and encodes their values as
 * UTF-8 (which cannot carry a binary xattr such as {@code security.capability}). So this class writes the
 * extended header as an entry of its own, and hands Commons Compress only headers that fit ustar; Commons
 * Compress is set to fail rather than to add a header of its own, should one not fit.
 */
public final class TarWriter {
    private static final long MAX_ID = TarConstants.MAXID;
    private static final long MAX_SIZE = TarConstants.MAXSIZE;
    /** ustar's name and link fields; Commons Compress keeps one byte for the terminating NUL. */
    private static final int NAME_LENGTH = TarConstants.NAMELEN - 1;

    private final OutputStream buffered;
    private final TarArchiveOutputStream tar;

    public TarWriter(OutputStream out) {
        // Commons Compress writes 512-byte records; one large write downstream (zstd, a digest) is much cheaper
        this.buffered = new BufferedOutputStream(CloseShieldOutputStream.wrap(out), 256 * 1024);
        this.tar = new TarArchiveOutputStream(buffered, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_ERROR);
        tar.setAddPaxHeadersForNonAsciiNames(false);
    }

    /** Writes one entry; {@code content} must hold exactly {@code entry.size()} bytes for a FILE (ignored otherwise). */
    public void write(TarEntry entry, InputStream content) throws IOException {
        String name = entry.type() == FsEntry.Type.DIRECTORY ? entry.path() + "/" : entry.path();
        String link = entry.linkTarget() == null ? "" : entry.linkTarget();
        long size = entry.type() == FsEntry.Type.FILE ? entry.size() : 0;
        Map<String, byte[]> pax = new LinkedHashMap<>();
        String headerName = name;
        if (!fitsAscii(name, NAME_LENGTH)) {
            pax.put("path", utf8(name));
            headerName = asciiPrefix(name, NAME_LENGTH);
        }
        if (!fitsAscii(link, NAME_LENGTH)) {
            pax.put("linkpath", utf8(link));
            link = asciiPrefix(link, NAME_LENGTH);
        }
        long uid = clamp(entry.uid(), MAX_ID, "uid", pax);
        long gid = clamp(entry.gid(), MAX_ID, "gid", pax);
        long mtime = clamp(entry.mtime(), MAX_SIZE, "mtime", pax);
        long headerSize = clamp(size, MAX_SIZE, "size", pax);
        String uname = entry.uname();
        String gname = entry.gname();
        if (!fitsAscii(uname, TarConstants.UNAMELEN)) {
            pax.put("uname", utf8(uname));
            uname = "";
        }
        if (!fitsAscii(gname, TarConstants.GNAMELEN)) {
            pax.put("gname", utf8(gname));
            gname = "";
        }
        for (Map.Entry<String, String> x : entry.xattrs().entrySet()) {
            pax.put("SCHILY.xattr." + x.getKey(), x.getValue().getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/" + asciiPrefix(entry.name(), 80),
                    TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            header.setSize(records.length);
            finish(header, 0644, 0, 0, "", "", mtime);
            tar.putArchiveEntry(header);
            tar.write(records);
            tar.closeArchiveEntry();
        }
        byte flag = (byte) switch (entry.type()) {
            case FILE -> '0';
            case HARDLINK -> '1';
            case SYMLINK -> '2';
            case DIRECTORY -> '5';
            case OTHER -> entry.typeFlag();
        };
        TarArchiveEntry header = new TarArchiveEntry(headerName, flag, true);
        header.setSize(headerSize);
        header.setLinkName(link);
        if (flag == '3' || flag == '4') {
            header.setDevMajor(entry.devMajor());
            header.setDevMinor(entry.devMinor());
        }
        finish(header, entry.mode() & 07777, uid, gid, uname, gname, mtime);
        tar.putArchiveEntry(header);
        if (size > 0) {
            long copied = IOUtils.copyLarge(content, tar, 0, size);
            if (copied != size) {
                throw new EOFException("content of " + entry.path() + " ended " + (size - copied) + " bytes early");
            }
        }
        tar.closeArchiveEntry();
    }

    /** The end-of-archive marker (two zero records), flushed; does not close the stream. */
    public void finish() throws IOException {
        tar.finish();
        buffered.flush();
    }

    /** Sets what the constructor would otherwise take from the machine (the owner is the JVM's user). */
    private static void finish(TarArchiveEntry header, int mode, long uid, long gid, String uname, String gname,
            long mtime) {
        header.setMode(mode);
        header.setUserId(uid);
        header.setGroupId(gid);
        header.setUserName(uname);
        header.setGroupName(gname);
        header.setModTime(mtime * 1000);
    }

    /** The value, or 0 with the value in a PAX record when ustar's octal field cannot hold it. */
    private static long clamp(long value, long max, String key, Map<String, byte[]> pax) {
        if (value >= 0 && value <= max) {
            return value;
        }
        pax.put(key, utf8(Long.toString(value)));
        return 0;
    }

    private static boolean fitsAscii(String s, int max) {
        if (s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 126) {
                return false;
            }
        }
        return true;
    }

    /** What stands in the ustar field when the real value is in a PAX record. */
    private static String asciiPrefix(String s, int max) {
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
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
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
}
