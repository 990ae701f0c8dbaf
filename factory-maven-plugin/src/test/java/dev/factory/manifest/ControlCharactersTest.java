package dev.factory.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlCharactersTest {
    @TempDir
    Path dir;

    @Test
    void everyControlButTabIsRefused() {
        assertEquals(-1, ControlCharacters.find("a\tb c", false), "TAB is white space");
        for (int c : new int[]{0, 7, '\n', '\r', 0x1B, 0x7F, 0x85, 0x9F, 0x2028, 0x2029}) {
            assertEquals(1, ControlCharacters.find("a" + (char) c + "b", false), "U+" + Integer.toHexString(c));
        }
        assertEquals(-1, ControlCharacters.find("a\nb", true), "a multi-line value may hold line feeds");
        assertEquals(1, ControlCharacters.find("a\rb", true), "but no carriage return");
        assertEquals(-1, ControlCharacters.find("grüße €", false));
    }

    @Test
    void aLabelThatWouldBreakItsLineIsRefusedWhereItIsWritten() throws IOException {
        String refusal = InputFiles.manifestRefusal(dir, "app.yaml", "id: app\nbase: busybox:1.35\n"
                + "fragments: {light: healthcheck}\nlabels:\n  team: \"platform\\nRUN touch /x\"\n");
        assertEquals(
                "app.yaml:5:9: labels.team: the value holds a line feed (LF, U+000A) as character 9; Factory places "
                        + "manifest values into Dockerfiles, bake files, tags and logs, where a line break would start a new line "
                        + "(a new Dockerfile instruction). Write it on one line without control characters (TAB is allowed).",
                refusal);
    }

    @Test
    void aPlanAxisValueIsOneLineAlways() throws IOException {
        String refusal = InputFiles.planRefusal(dir, "p.yaml",
                "manifest: app\naxes:\n  core.version: [\"17\", \"21\\r\\nRUN id\"]\n");
        assertEquals(
                "p.yaml:3:24: axes.core.version[1]: the value holds a carriage return (CR, U+000D) as character 3; "
                        + "Factory places plan values into Dockerfiles, bake files, tags and logs, where a line break would start a "
                        + "new line (a new Dockerfile instruction). Write it on one line without control characters (TAB is allowed).",
                refusal);
    }

    @Test
    void keysAndDescriptionsAreTreatedApart() throws IOException {
        String refusal = InputFiles.manifestRefusal(dir, "app.yaml", "id: app\nbase: busybox:1.35\n"
                + "fragments: {light: healthcheck}\ndescription: |\n  two\n  lines\nbuildArgs:\n  \"A\\u0000B\": x\n");
        assertEquals(
                "app.yaml:8:3: buildArgs.A\\u0000B: the key holds a NUL character (U+0000) as character 2. A key of a "
                        + "manifest is a name; write it on one line without control characters.",
                refusal);
    }
}
