package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Factory's tar reader against archives GNU tar wrote, in each of its formats. */
class TarReaderTest {
    private static final long MTIME = 1_700_000_123L;
    /** Not UTF-8, with a NUL and a newline: what {@code security.capability} of a {@code cap_setuid} file holds. */
    private static final byte[] BINARY = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0x0a, 0, (byte) 0xff, (byte) 0xc3, 0, 0, 0,
            0};

    @TempDir
    Path dir;

    /** GNU tar of {@code names} (no recursion, in this order) in {@code dir}, owned by uid:gid, with a fixed mtime. */
    private byte[] gnuTar(String format, long uid, long gid, List<String> extra, String... names) {
        List<String> args = new ArrayList<>(List.of("--format=" + format, "--no-recursion", "--numeric-owner",
                "--owner=:" + uid, "--group=:" + gid, "--mtime=@" + MTIME));
        args.addAll(extra);
        args.add("-c");
        if (!extra.contains("-f")) {
            args.addAll(List.of("-f", "-"));
        }
        args.addAll(Arrays.asList(names));
        return GnuTar.run(dir, null, args.toArray(String[]::new));
    }

    private static Map<String, TarEntry> readAll(byte[] tar, Map<String, byte[]> contents) throws IOException {
        Map<String, TarEntry> entries = new LinkedHashMap<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        for (TarEntry e; (e = reader.next()) != null;) {
            assertNull(entries.put(e.path(), e), "twice: " + e.path());
            contents.put(e.path(), reader.content().readAllBytes());
        }
        return entries;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix", "ustar"})
    void readsEveryKindOfEntry(String format) throws IOException {
        // ustar holds a name of up to 255 bytes split at a slash, and links of up to 100: beyond that GNU and PAX only
        boolean ustar = format.equals("ustar");
        String longName = "usr/share/" + "long-directory-name/".repeat(ustar ? 8 : 14) + "file.txt";
        String longLink = ustar ? "../x" : "../" + "x/".repeat(60) + "y";
        Files.createDirectories(dir.resolve("usr/bin"));
        Files.setAttribute(dir.resolve("usr"), "unix:mode", 0750);
        GnuTar.file(dir, longName, "abc".getBytes(StandardCharsets.UTF_8), 04755);
        GnuTar.file(dir, "usr/bin/tool", "tool".getBytes(StandardCharsets.UTF_8), 0755);
        String linked = ustar ? "usr/bin/tool" : longName;
        Files.createLink(dir.resolve("usr/bin/hard"), dir.resolve(linked));
        Files.createSymbolicLink(dir.resolve("usr/bin/link"), Path.of(longLink));
        assertEquals(0,
                new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().onExit().join().exitValue());
        Path archive = Files.createTempFile(dir.getParent(), "layer", ".tar");
        gnuTar(format, 1000, 50, List.of("-f", archive.toString()), "usr", longName, "usr/bin/tool", "usr/bin/hard",
                "usr/bin/link", "fifo");
        // the character device is GNU tar's copy of /dev/null, renamed, appended to the archive by GNU tar
        GnuTar.run(null, null, "--format=" + format, "--no-recursion", "--numeric-owner", "--owner=:0", "--group=:0",
                "-C", "/", "--transform=s,^dev/null$,dev/null-copy,", "-rf", archive.toString(), "dev/null");
        byte[] tar = Files.readAllBytes(archive);
        Files.delete(archive);

        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, TarEntry> e = readAll(tar, contents);
        assertEquals(List.of("usr", longName, "usr/bin/tool", "usr/bin/hard", "usr/bin/link", "fifo", "dev/null-copy"),
                List.copyOf(e.keySet()));

        TarEntry usr = e.get("usr");
        assertEquals(FsEntry.Type.DIRECTORY, usr.type());
        assertEquals(0750, usr.mode());
        assertEquals(1000, usr.uid());
        assertEquals(50, usr.gid());
        assertEquals(MTIME, usr.mtime());

        TarEntry file = e.get(longName);
        assertEquals(FsEntry.Type.FILE, file.type());
        assertEquals(3, file.size());
        assertEquals(04755, file.mode());
        assertEquals("abc", new String(contents.get(longName), StandardCharsets.UTF_8));

        TarEntry hard = e.get("usr/bin/hard");
        assertEquals(FsEntry.Type.HARDLINK, hard.type());
        assertEquals(linked, hard.linkTarget());
        assertEquals(0, hard.size());
        assertEquals(0, contents.get("usr/bin/hard").length);

        TarEntry link = e.get("usr/bin/link");
        assertEquals(FsEntry.Type.SYMLINK, link.type());
        assertEquals(longLink, link.linkTarget());
        assertEquals(0777, link.mode());

        assertEquals(FsEntry.Type.OTHER, e.get("fifo").type());
        assertEquals('6', e.get("fifo").typeFlag());

        TarEntry nul = e.get("dev/null-copy");
        assertEquals(FsEntry.Type.OTHER, nul.type());
        assertEquals('3', nul.typeFlag());
        assertEquals(1, nul.devMajor());
        assertEquals(3, nul.devMinor());
        assertEquals(0666, nul.mode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix"})
    void readsIdsThatUstarCannotHold(String format) throws IOException {
        GnuTar.file(dir, "f", new byte[0], 0600);
        // 70,000,000 is over ustar's 7 octal digits: GNU writes base-256, PAX a uid record
        TarEntry e = readAll(gnuTar(format, 70_000_000, 3_000_000, List.of(), "f"), new LinkedHashMap<>()).get("f");
        assertEquals(70_000_000, e.uid());
        assertEquals(3_000_000, e.gid());
    }

    @Test
    void readsNonAsciiNamesAndOwnerNames() throws IOException {
        GnuTar.file(dir, "caf\u00e9/na\u00efve.txt", "x".getBytes(StandardCharsets.UTF_8), 0644);
        byte[] tar = GnuTar.run(dir, null, "--format=posix", "--owner=r\u00f6ot:0", "--group=wheel:0", "-cf", "-",
                "caf\u00e9/na\u00efve.txt");
        TarEntry e = readAll(tar, new LinkedHashMap<>()).get("caf\u00e9/na\u00efve.txt");
        assertEquals("r\u00f6ot", e.uname());
        assertEquals("wheel", e.gname());
    }

    @Test
    void binaryAndTextXattrsKeepTheirBytes() throws IOException {
        Path f = GnuTar.file(dir, "bin/ping", "ping".getBytes(StandardCharsets.UTF_8), 0755);
        UserDefinedFileAttributeView view = Files.getFileAttributeView(f, UserDefinedFileAttributeView.class);
        view.write("cap", ByteBuffer.wrap(BINARY));
        view.write("text", ByteBuffer.wrap("h\u00e9llo".getBytes(StandardCharsets.UTF_8)));
        // a value that holds what looks like the record of another key, with a length that does not add up
        byte[] decoy = ("99 SCHILY.xattr.user.cap=" + "\u0000fake\n").getBytes(StandardCharsets.ISO_8859_1);
        view.write("zz", ByteBuffer.wrap(decoy));
        byte[] tar = gnuTar("posix", 0, 0, List.of("--xattrs", "--xattrs-include=user.*"), "bin/ping");
        Map<String, byte[]> contents = new LinkedHashMap<>();
        TarEntry e = readAll(tar, contents).get("bin/ping");
        assertArrayEquals(BINARY, e.xattrs().get("user.cap").getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals("h\u00e9llo".getBytes(StandardCharsets.UTF_8),
                e.xattrs().get("user.text").getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(decoy, e.xattrs().get("user.zz").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("ping", new String(contents.get("bin/ping"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix"})
    void sparseFilesReadAsTheirWholeContent(String format) throws IOException {
        Path f = dir.resolve("sparse");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(3 * 1024 * 1024);
            raf.seek(2 * 1024 * 1024);
            raf.write("data".getBytes(StandardCharsets.UTF_8));
        }
        Path after = GnuTar.file(dir, "after", "next".getBytes(StandardCharsets.UTF_8), 0644);
        byte[] tar = gnuTar(format, 0, 0, List.of("--sparse"), "sparse", after.getFileName().toString());
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, TarEntry> e = readAll(tar, contents);
        assertEquals(FsEntry.Type.FILE, e.get("sparse").type());
        assertEquals(3 * 1024 * 1024, e.get("sparse").size());
        assertArrayEquals(Files.readAllBytes(f), contents.get("sparse"));
        assertEquals("next", new String(contents.get("after"), StandardCharsets.UTF_8));
    }

    @Test
    void unreadContentIsSkippedByReadingOnAPipe() throws IOException {
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 7);
        GnuTar.file(dir, "big", big, 0644);
        GnuTar.file(dir, "small", "s".getBytes(StandardCharsets.UTF_8), 0644);
        byte[] tar = gnuTar("posix", 0, 0, List.of(), "big", "small");
        // like FileInputStream over a pipe (standard input): skip is refused
        InputStream pipe = new ByteArrayInputStream(tar) {
            @Override
            public synchronized long skip(long n) {
                throw new UnsupportedOperationException("Illegal seek");
            }
        };
        TarReader reader = new TarReader(pipe);
        assertEquals("big", reader.next().path());
        assertEquals(7, reader.content().read());
        TarEntry small = reader.next();
        assertEquals("small", small.path());
        assertEquals("s", new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
        assertNull(reader.next());
    }

    @Test
    void theRootAndDotSlashNamesAreNormalised() throws IOException {
        GnuTar.file(dir, "etc/os-release", "ID=debian\n".getBytes(StandardCharsets.UTF_8), 0644);
        byte[] tar = gnuTar("gnu", 0, 0, List.of(), ".", "./etc", "./etc/os-release");
        assertEquals(List.of("", "etc", "etc/os-release"), List.copyOf(readAll(tar, new LinkedHashMap<>()).keySet()));
    }

    @Test
    void truncatedAndForeignInputFails() throws IOException {
        GnuTar.file(dir, "a", "x".repeat(2000).getBytes(StandardCharsets.UTF_8), 0644);
        byte[] tar = gnuTar("posix", 0, 0, List.of(), "a");
        byte[] cut = Arrays.copyOf(tar, 1000);
        assertThrows(IOException.class, () -> readAll(cut, new LinkedHashMap<>()));
        byte[] junk = "this is not a tar file at all, no, not at all".repeat(20).getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> readAll(junk, new LinkedHashMap<>()));
        byte[] flipped = gnuTar("gnu", 0, 0, List.of(), "a");
        flipped[101] ^= 1; // in the mode field of the only header: the checksum no longer matches
        IOException e = assertThrows(IOException.class, () -> readAll(flipped, new LinkedHashMap<>()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
