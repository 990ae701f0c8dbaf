package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Factory's tar writer (repack's layers) writes, read back by GNU tar. */
class TarWriterTest {
    private static final String LONG_NAME = "usr/share/" + "very-long-directory-name/".repeat(12) + "file.txt";
    /** Not UTF-8, with a NUL and a newline, as a {@code security.capability} value can be. */
    private static final byte[] BINARY = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0x0a, 0, (byte) 0xff, (byte) 0xc3, 0, 0, 0,
            0};

    @TempDir
    Path temp;

    private static final List<TarEntry> ENTRIES = List.of(
            new TarEntry("usr", FsEntry.Type.DIRECTORY, '5', 0, 0755, 0, 0, "root", "root", null, 1_600_000_000L, 0, 0,
                    null),
            new TarEntry(LONG_NAME, FsEntry.Type.FILE, '0', 3, 04755, 70_000_000L, 5,
                    "a-user-name-longer-than-32-characters",
                    "staff", null, 1_700_000_000L, 0, 0,
                    Map.of("user.cap", new String(BINARY, StandardCharsets.ISO_8859_1),
                            "user.text",
                            new String("h\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))),
            new TarEntry("usr/caf\u00e9", FsEntry.Type.FILE, '0', 0, 0600, 1, 1, "", "", null, 5, 0, 0, null),
            new TarEntry("usr/link", FsEntry.Type.SYMLINK, '2', 0, 0777, 0, 0, "", "", "../" + "x/".repeat(60) + "y", 5,
                    0, 0,
                    null),
            new TarEntry("usr/hard", FsEntry.Type.HARDLINK, '1', 0, 04755, 0, 0, "", "", LONG_NAME, 5, 0, 0, null),
            new TarEntry("dev/null", FsEntry.Type.OTHER, '3', 0, 0666, 0, 0, "", "", null, 5, 1, 3, null),
            new TarEntry("fifo", FsEntry.Type.OTHER, '6', 0, 0644, 0, 0, "", "", null, 5, 0, 0, null));

    private static byte[] write(List<TarEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter writer = new TarWriter(out);
        for (TarEntry e : entries) {
            writer.write(e,
                    new ByteArrayInputStream(e.size() == 3 ? "abc".getBytes(StandardCharsets.UTF_8) : new byte[0]));
        }
        writer.finish();
        return out.toByteArray();
    }

    @Test
    void gnuTarListsEveryEntryAsWritten() throws IOException {
        byte[] tar = write(ENTRIES);
        assertEquals(0, tar.length % 512);
        List<GnuTar.Member> members = GnuTar.members(tar);
        assertEquals(List.of(
                new GnuTar.Member('d', 0755, 0, 0, "0", "2020-09-13 12:26:40", "usr", null),
                new GnuTar.Member('-', 04755, 70_000_000L, 5, "3", "2023-11-14 22:13:20", LONG_NAME, null),
                new GnuTar.Member('-', 0600, 1, 1, "0", "1970-01-01 00:00:05", "usr/caf\u00e9", null),
                new GnuTar.Member('l', 0777, 0, 0, "0", "1970-01-01 00:00:05", "usr/link",
                        "../" + "x/".repeat(60) + "y"),
                new GnuTar.Member('h', 04755, 0, 0, "0", "1970-01-01 00:00:05", "usr/hard", LONG_NAME),
                new GnuTar.Member('c', 0666, 0, 0, "1,3", "1970-01-01 00:00:05", "dev/null", null),
                new GnuTar.Member('p', 0644, 0, 0, "0", "1970-01-01 00:00:05", "fifo", null)), members);
        assertEquals("abc", new String(GnuTar.content(tar, LONG_NAME), StandardCharsets.UTF_8));
        // owner names as GNU tar shows them without --numeric-owner
        String named = new String(GnuTar.run(null, tar, "-tvf", "-", LONG_NAME), StandardCharsets.UTF_8);
        assertTrue(named.contains("a-user-name-longer-than-32-characters/staff"), named);
    }

    @Test
    void gnuTarExtractsBinaryXattrsByteForByte() throws IOException {
        byte[] tar = write(ENTRIES.subList(0, 2));
        GnuTar.run(temp, tar, "--xattrs", "--xattrs-include=user.*", "--no-same-owner", "-xf", "-");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(temp.resolve(LONG_NAME),
                UserDefinedFileAttributeView.class);
        assertArrayEquals(BINARY, read(view, "cap"));
        assertArrayEquals("h\u00e9".getBytes(StandardCharsets.UTF_8), read(view, "text"));
    }

    private static byte[] read(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(view.size(name));
        view.read(name, b);
        return b.array();
    }

    @Test
    void theSameEntriesGiveTheSameBytesWhoeverWritesThem() throws IOException {
        String user = System.getProperty("user.name");
        byte[] first;
        byte[] second;
        try {
            // Commons Compress names the owner of its own PAX headers after the JVM's user: ours must not
            System.setProperty("user.name", "alice");
            first = write(ENTRIES);
            System.setProperty("user.name", "bob-the-builder");
            second = write(ENTRIES);
        } finally {
            System.setProperty("user.name", user);
        }
        assertArrayEquals(first, second);
        String asText = new String(first, StandardCharsets.ISO_8859_1);
        assertTrue(!asText.contains("alice") && !asText.contains("bob-the-builder"), "no machine user in the archive");
    }

    @Test
    void contentShorterThanTheEntryIsAnError() {
        TarEntry e = new TarEntry("f", FsEntry.Type.FILE, '0', 10, 0644, 0, 0, "", "", null, 0, 0, 0, null);
        EOFException thrown = assertThrows(EOFException.class,
                () -> new TarWriter(new ByteArrayOutputStream()).write(e, new ByteArrayInputStream(new byte[4])));
        assertEquals("content of f ended 6 bytes early", thrown.getMessage());
    }

    @Test
    void anEmptyArchiveIsTwoZeroBlocks() throws IOException {
        byte[] tar = write(List.of());
        assertArrayEquals(new byte[1024], tar);
        assertEquals(List.of(), GnuTar.members(tar));
        assertTrue(Arrays.equals(tar, write(List.of())));
    }
}
