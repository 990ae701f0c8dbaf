package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileModesTest {
    @Test
    void printsModesAsGoDoes() {
        assertEquals("-rw-r--r--", FileModes.goString(FileModes.Type.FILE, 0644));
        assertEquals("drwxr-xr-x", FileModes.goString(FileModes.Type.DIRECTORY, 0755));
        assertEquals("Lrwxrwxrwx", FileModes.goString(FileModes.Type.SYMLINK, 0777));
        assertEquals("urwxr-xr-x", FileModes.goString(FileModes.Type.FILE, 04755));
        assertEquals("dtrwxrwxrwx", FileModes.goString(FileModes.Type.DIRECTORY, 01777));
        assertEquals("Dcrw-rw-rw-", FileModes.goString(FileModes.Type.CHAR_DEVICE, 0666));
        assertEquals("ugrwxr-xr-x", FileModes.goString(FileModes.Type.FILE, 06755));
    }

    @Test
    void printsModesAsLsDoes() {
        assertEquals("lrwxrwxrwx", FileModes.lsString(FileModes.Type.SYMLINK, 0777));
        assertEquals("-rwsr-xr-x", FileModes.lsString(FileModes.Type.FILE, 04755));
        assertEquals("drwxrwxrwt", FileModes.lsString(FileModes.Type.DIRECTORY, 01777));
        assertEquals("-rwSr--r--", FileModes.lsString(FileModes.Type.FILE, 04644));
    }

    @Test
    void acceptsEitherNotation() {
        assertTrue(FileModes.matches("Lrwxrwxrwx", FileModes.Type.SYMLINK, 0777));
        assertTrue(FileModes.matches("lrwxrwxrwx", FileModes.Type.SYMLINK, 0777));
        assertTrue(FileModes.matches("-rwsr-xr-x", FileModes.Type.FILE, 04755));
        assertFalse(FileModes.matches("-rwxr-xr-x", FileModes.Type.FILE, 04755));
        assertTrue(FileModes.looksLikeModeString("drwxr-xr-x"));
        assertTrue(FileModes.looksLikeModeString("dtrwxrwxrwx"));
        assertFalse(FileModes.looksLikeModeString("0755"));
    }
}
