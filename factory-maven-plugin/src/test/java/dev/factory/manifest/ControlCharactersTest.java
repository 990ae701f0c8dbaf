package dev.factory.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factory.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlCharactersTest {
    @TempDir
    Path dir;

    @Test
    void everyControlButTabIsRefused() {
        assertEquals(-1, ControlCharacters.find("a\tb c", false), "TAB is white space");
        for (int c : new int[] {0, 7, '\n', '\r', 0x1B, 0x7F, 0x85, 0x9F, 0x2028, 0x2029}) {
            assertEquals(1, ControlCharacters.find("a" + (char) c + "b", false), "U+" + Integer.toHexString(c));
        }
        assertEquals(-1, ControlCharacters.find("a\nb", true), "a multi-line value may hold line feeds");
        assertEquals(1, ControlCharacters.find("a\rb", true), "but no carriage return");
        assertEquals(-1, ControlCharacters.find("grüße €", false));
    }

    @Test
    void aLabelThatWouldBreakItsLineIsRefusedWhereItIsWritten() throws IOException {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "id: app\nbase: busybox:1.35\nfragments: {light: healthcheck}\nlabels:\n"
                + "  team: \"platform\\nRUN touch /x\"\n");
        BadInputException e = assertThrows(BadInputException.class, () -> new ManifestLoader(dir).loadManifest(file));
        assertEquals("app.yaml:5:9: labels.team: the value holds a line feed (LF, U+000A) as character 9; Factory places "
                + "manifest values into Dockerfiles, bake files, tags and logs, where a line break would start a new line "
                + "(a new Dockerfile instruction). Write it on one line without control characters (TAB is allowed).",
                e.getMessage());
    }

    @Test
    void aPlanAxisValueIsOneLineAlways() throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "manifest: app\naxes:\n  core.version: [\"17\", \"21\\r\\nRUN id\"]\n");
        BadInputException e = assertThrows(BadInputException.class, () -> new ManifestLoader(dir).loadPlan(file));
        assertEquals("p.yaml:3:24: axes.core.version[1]: the value holds a carriage return (CR, U+000D) as character 3; "
                + "Factory places plan values into Dockerfiles, bake files, tags and logs, where a line break would start a "
                + "new line (a new Dockerfile instruction). Write it on one line without control characters (TAB is allowed).",
                e.getMessage());
    }

    @Test
    void keysAndDescriptionsAreTreatedApart() throws IOException {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "id: app\nbase: busybox:1.35\nfragments: {light: healthcheck}\n"
                + "description: |\n  two\n  lines\nbuildArgs:\n  \"A\\u0000B\": x\n");
        BadInputException e = assertThrows(BadInputException.class, () -> new ManifestLoader(dir).loadManifest(file));
        assertEquals("app.yaml:8:3: buildArgs.A\\u0000B: the key holds a NUL character (U+0000) as character 2. A key of a "
                + "manifest is a name; write it on one line without control characters.", e.getMessage());
    }
}
