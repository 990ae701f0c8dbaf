package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarRoundTripTest {

    @Test
    void everythingWrittenIsReadBackExactly() throws IOException {
        String longName = "usr/share/" + "very-long-directory-name/".repeat(12) + "file.txt";
        byte[] capability = {1, 0, 0, 2, 0x20, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0x80, 0, 0, 0, 0, 0, 0};
        List<TarEntry> entries = List.of(
                new TarEntry("usr", FsEntry.Type.DIRECTORY, '5', 0, 0755, 0, 0, "root", "root", null, 1, 0, 0, null),
                new TarEntry(longName, FsEntry.Type.FILE, '0', 3, 04755, 70000000L, 5, "a-very-long-user-name-beyond-32-chars",
                        "staff", null, 1700000000L, 0, 0, Map.of("security.capability",
                                new String(capability, StandardCharsets.ISO_8859_1))),
                new TarEntry("usr/caf\u00e9", FsEntry.Type.FILE, '0', 0, 0600, 1, 1, "", "", null, 5, 0, 0, null),
                new TarEntry("usr/link", FsEntry.Type.SYMLINK, '2', 0, 0777, 0, 0, "", "", "../" + "x/".repeat(60), 5, 0, 0,
                        null),
                new TarEntry("usr/hard", FsEntry.Type.HARDLINK, '1', 0, 04755, 0, 0, "", "", longName, 5, 0, 0, null),
                new TarEntry("dev/null", FsEntry.Type.OTHER, '3', 0, 0666, 0, 0, "", "", null, 5, 1, 3, null),
                new TarEntry("fifo", FsEntry.Type.OTHER, '6', 0, 0644, 0, 0, "", "", null, 5, 0, 0, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter writer = new TarWriter(out);
        for (TarEntry e : entries) {
            writer.write(e, new ByteArrayInputStream(e.type() == FsEntry.Type.FILE && e.size() == 3
                    ? "abc".getBytes(StandardCharsets.UTF_8) : new byte[0]));
        }
        writer.finish();
        assertEquals(writer.written(), out.size());
        assertEquals(0, out.size() % 512);

        TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()));
        for (TarEntry expected : entries) {
            TarEntry actual = reader.next();
            assertEquals(expected, actual);
            if (expected.size() == 3) {
                assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), reader.content().readAllBytes());
                assertArrayEquals(capability, actual.xattrs().get("security.capability").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        assertNull(reader.next());
    }

    @Test
    void sameEntriesGiveSameBytes() throws IOException {
        byte[] a = TestImages.layer().dir("a").file("a/b", "x").tar();
        byte[] b = TestImages.layer().dir("a").file("a/b", "x").tar();
        assertArrayEquals(a, b);
    }
}
