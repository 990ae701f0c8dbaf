package dev.factory.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The build information the Go toolchain (1.18 and later) embeds in every binary it links: the Go version and
 * the module list that {@code go version -m} prints. Read from an ELF file as it streams past, in one pass:
 * <ol>
 * <li>the ELF header and program headers (the first few hundred bytes) say whether the file carries Go's build-id
 * note ({@code PT_NOTE}, owner {@code Go}, type 4), which the Go linker writes near the start of every ELF it
 * makes, and where the writable {@code PT_LOAD} segments are;</li>
 * <li>only for a Go binary, those segments are scanned for the 16-byte aligned magic {@code \xff Go buildinf:}
 * that starts the {@code .go.buildinfo} section; everything before them is skipped, not searched;</li>
 * <li>the header after the magic has the version and module text inline (flag bit 2); older binaries point to them
 * instead (Go before 1.18), which a forward-only stream cannot follow: those give nothing.</li>
 * </ol>
 * Any other file (not ELF, not Go) is left after its first bytes.
 */
final class GoBuildInfo {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    /** How much of the file start the ELF and program headers and the notes must lie in. */
    static final int HEAD_LIMIT = 64 * 1024;
    /** How much of a writable segment is searched for the magic. */
    static final long SEGMENT_LIMIT = 64L * 1024 * 1024;
    /** The longest module text read (a large program's is tens of KiB). */
    static final int MODINFO_LIMIT = 4 * 1024 * 1024;

    private static final int PT_LOAD = 1;
    private static final int PT_NOTE = 4;
    private static final int PF_W = 2;
    private static final int NT_GO_BUILD_ID = 4;

    /** One module line of the build information. */
    record Module(String path, String version) {}

    /**
     * @param goVersion e.g. {@code go1.19.8}
     * @param mainPackage the {@code path} line: the main package's import path
     * @param main the main module ({@code mod} line), or null when built outside module mode
     * @param deps the {@code dep} lines, with {@code =>} replacements applied
     */
    record Info(String goVersion, String mainPackage, Module main, List<Module> deps) {}

    private record Segment(long offset, long size) {}

    private GoBuildInfo() {}

    /** The build information of a Go ELF binary, or null for any other file. */
    static Info read(InputStream in) throws IOException {
        Counting stream = new Counting(in);
        byte[] ident = stream.readNBytes(64);
        if (ident.length < 52 || ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
            return null;
        }
        boolean is64 = ident[4] == 2;
        ByteOrder order = ident[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer h = ByteBuffer.wrap(ident).order(order);
        long phoff = is64 ? h.getLong(32) : Integer.toUnsignedLong(h.getInt(28));
        int phentsize = Short.toUnsignedInt(h.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(h.getShort(is64 ? 56 : 44));
        long phend = phoff + (long) phentsize * phnum;
        if (phnum == 0 || phentsize < (is64 ? 56 : 32) || phoff < (is64 ? 64 : 52) || phend > HEAD_LIMIT) {
            return null;
        }
        byte[] head = ident;
        if (phend > ident.length) {
            head = Arrays.copyOf(ident, (int) phend);
            stream.readNBytesInto(head, ident.length, (int) phend - ident.length);
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(order);
        List<Segment> notes = new ArrayList<>();
        List<Segment> writable = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * phentsize;
            int type = b.getInt(at);
            int flags = is64 ? b.getInt(at + 4) : b.getInt(at + 24);
            long offset = is64 ? b.getLong(at + 8) : Integer.toUnsignedLong(b.getInt(at + 4));
            long fileSize = is64 ? b.getLong(at + 32) : Integer.toUnsignedLong(b.getInt(at + 16));
            if (type == PT_NOTE) {
                notes.add(new Segment(offset, fileSize));
            } else if (type == PT_LOAD && (flags & PF_W) != 0 && fileSize > 0) {
                writable.add(new Segment(offset, fileSize));
            }
        }
        if (!hasGoNote(stream, head, notes, order)) {
            return null;
        }
        writable.sort(Comparator.comparingLong(Segment::offset));
        for (Segment s : writable) {
            if (s.offset() < stream.position()) {
                continue; // overlaps what was read already: not where the linker puts .go.buildinfo
            }
            // the magic sits at a 16-byte aligned offset: start there, so that no chunk cuts a candidate in two
            long aligned = (s.offset() + 15) & ~15L;
            stream.skipTo(aligned);
            Info info = searchSegment(stream, Math.min(s.size() - (aligned - s.offset()), SEGMENT_LIMIT));
            if (info != null) {
                return info;
            }
        }
        return null;
    }

    /** Whether the notes (all within the file's first {@link #HEAD_LIMIT} bytes) include Go's build id. */
    private static boolean hasGoNote(Counting stream, byte[] head, List<Segment> notes, ByteOrder order)
            throws IOException {
        long end = 0;
        for (Segment n : notes) {
            if (n.offset() + n.size() <= HEAD_LIMIT) {
                end = Math.max(end, n.offset() + n.size());
            }
        }
        if (end == 0) {
            return false;
        }
        byte[] bytes = head;
        if (end > head.length) {
            bytes = Arrays.copyOf(head, (int) end);
            stream.readNBytesInto(bytes, head.length, (int) end - head.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        for (Segment n : notes) {
            long at = n.offset();
            long stop = Math.min(n.offset() + n.size(), bytes.length);
            while (at + 12 <= stop) {
                int namesz = b.getInt((int) at);
                int descsz = b.getInt((int) at + 4);
                int type = b.getInt((int) at + 8);
                if (namesz < 0 || descsz < 0) {
                    break;
                }
                long name = at + 12;
                if (type == NT_GO_BUILD_ID && namesz == 4 && name + 4 <= stop
                        && bytes[(int) name] == 'G' && bytes[(int) name + 1] == 'o' && bytes[(int) name + 2] == 0) {
                    return true;
                }
                at = name + align4(namesz) + align4(descsz);
            }
        }
        return false;
    }

    /** Looks for the magic at 16-byte aligned file offsets within the next {@code size} bytes. */
    private static Info searchSegment(Counting stream, long size) throws IOException {
        long stop = stream.position() + size;
        byte[] buf = new byte[StreamSearch.CHUNK];
        while (stream.position() < stop) {
            long start = stream.position();
            int n = stream.readNBytesInto(buf, 0, (int) Math.min(buf.length, stop - start));
            if (n <= 0) {
                return null;
            }
            for (int i = 0; i + MAGIC.length <= n; i += 16) {
                if (buf[i] == MAGIC[0] && Arrays.equals(buf, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                    // the header is 32 bytes; the rest of it and what follows may lie beyond this chunk
                    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, i, n - i), stream);
                    return parse(rest);
                }
            }
            if (n < buf.length && stream.position() < stop) {
                return null; // the file ended early
            }
            // chunks start at aligned offsets and CHUNK is a multiple of 16: no candidate spans two chunks
        }
        return null;
    }

    /** Parses from the magic on. */
    private static Info parse(InputStream in) throws IOException {
        byte[] header = in.readNBytes(32);
        if (header.length < 32) {
            return null;
        }
        int flags = header[15];
        if ((flags & 2) == 0) {
            return null; // before Go 1.18: pointers into the data segment, which a stream cannot follow
        }
        String version = readString(in, 256);
        String modinfo = readString(in, MODINFO_LIMIT);
        if (version == null || !version.startsWith("go") && !version.startsWith("devel")) {
            return null;
        }
        // the module text is wrapped in 16 bytes of sentinel on either side (cmd/go's modinfo markers)
        if (modinfo != null && modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
            modinfo = modinfo.substring(16, modinfo.length() - 16);
        } else {
            modinfo = "";
        }
        return parseModules(version, modinfo);
    }

    static Info parseModules(String version, String modinfo) {
        String mainPackage = null;
        Module main = null;
        List<Module> deps = new ArrayList<>();
        boolean lastWasMain = false;
        for (String line : modinfo.split("\n")) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "path" -> mainPackage = f.length > 1 ? f[1] : null;
                case "mod" -> {
                    main = f.length > 2 ? new Module(f[1], f[2]) : null;
                    lastWasMain = true;
                    continue;
                }
                case "dep" -> {
                    if (f.length > 2) {
                        deps.add(new Module(f[1], f[2]));
                    }
                }
                case "=>" -> {
                    // replaces the module of the line before; a local directory replacement has no version
                    Module replacement = f.length > 2 ? new Module(f[1], f[2]) : null;
                    if (lastWasMain) {
                        main = replacement;
                    } else if (!deps.isEmpty()) {
                        deps.remove(deps.size() - 1);
                        if (replacement != null) {
                            deps.add(replacement);
                        }
                    }
                }
                default -> {
                    // build settings and anything newer: not needed for the SBOM
                }
            }
            lastWasMain = false;
        }
        return new Info(version.trim(), mainPackage, main, List.copyOf(deps));
    }

    /** A uvarint length and that many bytes (UTF-8), or null when malformed or longer than {@code max}. */
    private static String readString(InputStream in, int max) throws IOException {
        long length = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            length |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                if (length > max) {
                    return null;
                }
                byte[] bytes = in.readNBytes((int) length);
                return bytes.length == length ? new String(bytes, StandardCharsets.UTF_8) : null;
            }
        }
        return null;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }

    /** A stream that knows its position and skips forward (the walk's content stream cannot seek). */
    private static final class Counting extends InputStream {
        private final InputStream in;
        private long position;

        Counting(InputStream in) {
            this.in = in;
        }

        long position() {
            return position;
        }

        void skipTo(long offset) throws IOException {
            while (position < offset) {
                long skipped = in.skip(offset - position);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        return;
                    }
                    skipped = 1;
                }
                position += skipped;
            }
        }

        int readNBytesInto(byte[] b, int off, int len) throws IOException {
            int n = in.readNBytes(b, off, len);
            position += n;
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

}
