package dev.factory.sbom;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A zip archive held in memory, read through its central directory, so that only the entries a
 * cataloger asks for are inflated (a streamed read has to inflate every class file to get past it).
 * Archives with data in front of them (executable jars with a launch script) are handled by the
 * offset between where the central directory is and where it says it is. ZIP64 and encrypted entries
 * are not: {@link #read} throws, and the caller falls back to streaming.
 */
final class ZipIndex {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    static final int STORED = 0;
    static final int DEFLATED = 8;

    /** One entry; {@code dataOffset} is absolute in the buffer. */
    record Entry(String name, int method, long compressedSize, long size, int dataOffset) {
        boolean directory() {
            return name.endsWith("/");
        }
    }

    private final byte[] buf;
    private final List<Entry> entries;

    private ZipIndex(byte[] buf, List<Entry> entries) {
        this.buf = buf;
        this.entries = entries;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Indexes the zip in {@code buf[off, off+len)}. */
    static ZipIndex read(byte[] buf, int off, int len) throws ZipException {
        int end = off + len;
        int eocd = -1;
        for (int i = end - 22; i >= Math.max(off, end - 22 - 0xFFFF); i--) {
            if (int32(buf, i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new ZipException("no end of central directory record");
        }
        int count = uint16(buf, eocd + 10);
        long cenSize = uint32(buf, eocd + 12);
        long cenOffset = uint32(buf, eocd + 16);
        if (count == 0xFFFF || cenSize == 0xFFFFFFFFL || cenOffset == 0xFFFFFFFFL) {
            throw new ZipException("ZIP64 archive");
        }
        long cenStart = eocd - cenSize;
        if (cenStart < off) {
            throw new ZipException("central directory outside the archive");
        }
        // bytes in front of the zip (a launch script) shift every recorded offset by the same amount
        long shift = cenStart - off - cenOffset;
        List<Entry> entries = new ArrayList<>(count);
        int p = (int) cenStart;
        for (int i = 0; i < count; i++) {
            if (p + 46 > eocd || int32(buf, p) != CEN) {
                throw new ZipException("bad central directory entry " + i);
            }
            int flags = uint16(buf, p + 8);
            int method = uint16(buf, p + 10);
            long compressed = uint32(buf, p + 20);
            long size = uint32(buf, p + 24);
            int nameLength = uint16(buf, p + 28);
            int extraLength = uint16(buf, p + 30);
            int commentLength = uint16(buf, p + 32);
            long local = uint32(buf, p + 42) + off + shift;
            if ((flags & 1) != 0 || compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || local == 0xFFFFFFFFL + off + shift) {
                throw new ZipException("encrypted or ZIP64 entry");
            }
            String name = new String(buf, p + 46, nameLength,
                    (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            if (local < off || local + 30 > end || int32(buf, (int) local) != LOC) {
                throw new ZipException("bad local header for " + name);
            }
            long data = local + 30 + uint16(buf, (int) local + 26) + uint16(buf, (int) local + 28);
            if (data + compressed > end) {
                throw new ZipException("entry " + name + " runs past the end of the archive");
            }
            entries.add(new Entry(name, method, compressed, size, (int) data));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return new ZipIndex(buf, entries);
    }

    /** The entry's bytes: a view into the archive for STORED entries, freshly inflated for DEFLATED ones. */
    Slice data(Entry e) throws ZipException {
        if (e.method() == STORED) {
            return new Slice(buf, e.dataOffset(), (int) e.compressedSize());
        }
        if (e.method() != DEFLATED) {
            throw new ZipException("entry " + e.name() + " uses compression method " + e.method());
        }
        if (e.size() > Integer.MAX_VALUE - 16) {
            throw new ZipException("entry " + e.name() + " is too large");
        }
        byte[] out = new byte[(int) e.size()];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(buf, e.dataOffset(), (int) e.compressedSize());
            int n = 0;
            while (n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != out.length) {
                throw new ZipException("entry " + e.name() + " inflates to " + n + " bytes, not " + out.length);
            }
        } catch (DataFormatException ex) {
            throw new ZipException("entry " + e.name() + " is corrupt: " + ex.getMessage());
        } finally {
            inflater.end();
        }
        return new Slice(out, 0, out.length);
    }

    /** A range of a byte array. */
    record Slice(byte[] bytes, int offset, int length) {
        InputStream stream() {
            return new ByteArrayInputStream(bytes, offset, length);
        }
    }

    private static int uint16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int int32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    private static long uint32(byte[] b, int i) {
        return int32(b, i) & 0xFFFFFFFFL;
    }
}
