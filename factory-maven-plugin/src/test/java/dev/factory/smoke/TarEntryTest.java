package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.oci.GnuTar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streams as {@code docker cp CONTAINER:PATH -} gives them, written here by GNU tar in each of its formats. */
class TarEntryTest {
    @TempDir
    Path dir;

    /** {@code tar -c} of {@code names} in {@code dir} to standard output, owned by uid:gid. */
    private byte[] tar(String format, long uid, long gid, String... names) {
        List<String> args = new ArrayList<>(List.of("--format=" + format, "--numeric-owner", "--owner=:" + uid,
                "--group=:" + gid, "-cf", "-"));
        args.addAll(Arrays.asList(names));
        return GnuTar.run(dir, null, args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix", "ustar", "v7"})
    void readsAFileWithModeOwnerAndContent(String format) throws IOException {
        GnuTar.file(dir, "passwd", "root:x:0:0\n".getBytes(StandardCharsets.UTF_8), 04751);
        TarEntry e = TarEntry.readFirst(new ByteArrayInputStream(tar(format, 7, 42, "passwd")), 1024);
        assertEquals("passwd", e.name());
        assertEquals(FileModes.Type.FILE, e.type());
        assertEquals(04751, e.mode());
        assertEquals(7, e.uid());
        assertEquals(42, e.gid());
        assertEquals(11, e.size());
        assertEquals("root:x:0:0\n", new String(e.content(), StandardCharsets.UTF_8));
        assertFalse(e.truncated());
        assertNull(e.linkTarget());
    }

    @Test
    void keepsOnlyTheLimitOfALargeFileAndReadsNoFurther() throws IOException {
        byte[] big = new byte[3000];
        Arrays.fill(big, (byte) 'b');
        GnuTar.file(dir, "big", big, 0600);
        GnuTar.file(dir, "next", "n".getBytes(StandardCharsets.UTF_8), 0600);
        TarEntry e = TarEntry.readFirst(new ByteArrayInputStream(tar("posix", 0, 0, "big", "next")), 1000);
        assertEquals("big", e.name());
        assertEquals(1000, e.content().length);
        assertEquals(3000, e.size());
        assertTrue(e.truncated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix", "ustar"})
    void readsSymlinksDirectoriesFifosAndHardLinks(String format) throws IOException {
        Files.createSymbolicLink(dir.resolve("sh"), Path.of("busybox"));
        TarEntry link = TarEntry.readFirst(new ByteArrayInputStream(tar(format, 0, 0, "sh")), 10);
        assertEquals(FileModes.Type.SYMLINK, link.type());
        assertEquals("busybox", link.linkTarget());
        assertEquals(0777, link.mode());

        Files.createDirectories(dir.resolve("etc"));
        Files.setAttribute(dir.resolve("etc"), "unix:mode", 0750);
        TarEntry etc = TarEntry.readFirst(new ByteArrayInputStream(tar(format, 0, 0, "etc")), 10);
        assertEquals(FileModes.Type.DIRECTORY, etc.type());
        assertEquals("etc", etc.name(), "the trailing slash goes");
        assertEquals(0750, etc.mode());

        // GNU tar archives a FIFO (made by mkfifo) as type 6
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).inheritIO().start().onExit().join()
                .exitValue());
        TarEntry fifo = TarEntry.readFirst(new ByteArrayInputStream(tar(format, 0, 0, "pipe")), 10);
        assertEquals(FileModes.Type.FIFO, fifo.type());

        GnuTar.file(dir, "a", "x".getBytes(StandardCharsets.UTF_8), 0644);
        Files.createLink(dir.resolve("b"), dir.resolve("a"));
        byte[] both = tar(format, 0, 0, "a", "b");
        // a hard link first: what the first entry of a stream is when tar --delete takes its target out
        byte[] onlyLink = GnuTar.run(dir, both, "--delete", "-f", "-", "a");
        TarEntry hard = TarEntry.readFirst(new ByteArrayInputStream(onlyLink), 10);
        assertEquals(FileModes.Type.HARDLINK, hard.type());
        assertEquals("a", hard.linkTarget());
        assertEquals(0, hard.content().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix"})
    void readsLongNamesAndLargeIds(String format) throws IOException {
        String longName = "d".repeat(120) + "/" + "f".repeat(150);
        GnuTar.file(dir, longName, "x".getBytes(StandardCharsets.UTF_8), 0640);
        // 3,000,000 does not fit ustar's 7 octal digits: PAX writes a record, GNU base-256
        TarEntry e = TarEntry.readFirst(new ByteArrayInputStream(tar(format, 3_000_000, 5, longName)), 10);
        assertEquals(longName, e.name());
        assertEquals(0640, e.mode());
        assertEquals(3_000_000, e.uid());
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), e.content());
    }

    @Test
    void readsANonAsciiName() throws IOException {
        GnuTar.file(dir, "caf\u00e9.txt", "x".getBytes(StandardCharsets.UTF_8), 0644);
        TarEntry e = TarEntry.readFirst(new ByteArrayInputStream(tar("posix", 0, 0, "caf\u00e9.txt")), 10);
        assertEquals("caf\u00e9.txt", e.name());
    }

    @Test
    void anEmptyStreamHasNoEntry() throws IOException {
        assertNull(TarEntry.readFirst(new ByteArrayInputStream(new byte[0]), 10));
        assertNull(TarEntry
                .readFirst(new ByteArrayInputStream(GnuTar.run(dir, null, "-cf", "-", "--files-from=/dev/null")), 10));
    }

    @Test
    void aStreamThatIsNotATarIsAnError() {
        byte[] junk = "Error response from daemon: not a tar at all\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> TarEntry.readFirst(new ByteArrayInputStream(junk), 10));
    }
}
