package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TarEntryTest {
    @Test
    void readsAFileWithModeOwnerAndContent() throws IOException {
        byte[] tar = Tars.single("passwd", '0', 0644, 0, 42, null, "root:x:0:0\n".getBytes(StandardCharsets.UTF_8));
        TarEntry e = TarEntry.readFirst(new ByteArrayInputStream(tar), 1024);
        assertEquals("passwd", e.name());
        assertEquals(FileModes.Type.FILE, e.type());
        assertEquals(0644, e.mode());
        assertEquals(42, e.gid());
        assertEquals("root:x:0:0\n", new String(e.content(), StandardCharsets.UTF_8));
        assertFalse(e.truncated());
    }

    @Test
    void keepsOnlyTheLimitOfALargeFile() throws IOException {
        byte[] tar = Tars.single("big", '0', 0600, 0, 0, null, new byte[3000]);
        TarEntry e = TarEntry.readFirst(new ByteArrayInputStream(tar), 1000);
        assertEquals(1000, e.content().length);
        assertEquals(3000, e.size());
        assertTrue(e.truncated());
    }

    @Test
    void readsSymlinksDirectoriesAndPaxNames() throws IOException {
        TarEntry link = TarEntry.readFirst(new ByteArrayInputStream(Tars.single("sh", '2', 0777, 0, 0, "busybox", new byte[0])), 10);
        assertEquals(FileModes.Type.SYMLINK, link.type());
        assertEquals("busybox", link.linkTarget());
        TarEntry dir = TarEntry.readFirst(new ByteArrayInputStream(Tars.single("etc/", '5', 0755, 0, 0, null, new byte[0])), 10);
        assertEquals(FileModes.Type.DIRECTORY, dir.type());
        assertEquals("etc", dir.name());
        String longName = "a".repeat(150);
        TarEntry pax = TarEntry.readFirst(new ByteArrayInputStream(Tars.withPax(longName, 0640, "x".getBytes(StandardCharsets.UTF_8))), 10);
        assertEquals(longName, pax.name());
        assertEquals(0640, pax.mode());
        assertEquals("x", new String(pax.content(), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyStreamHasNoEntry() throws IOException {
        assertNull(TarEntry.readFirst(new ByteArrayInputStream(new byte[0]), 10));
        assertNull(TarEntry.readFirst(new ByteArrayInputStream(new byte[1024]), 10));
    }

    @Test
    void readsBase256Numbers() {
        byte[] h = new byte[16];
        h[0] = (byte) 0x80;
        h[7] = 1;
        h[6] = 2;
        assertEquals(0x0201, TarEntry.number(h, 0, 8));
    }
}
