package dev.factory.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aHugeManifestIsRefusedBySizeBeforeItIsRead() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(20L * 1024 * 1024); // sparse: 20 MiB that were never written, so never read either
        }
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class,
                () -> new ManifestLoader(dir).loadManifest(huge));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 500, "refused by its size, not parsed");
        assertEquals(
                "huge.yaml: the file is 20.0 MiB (20971520 bytes), more than the 1.0 MiB (1048576 bytes) Factory reads "
                        + "from one input file. Manifests, plans, fragments, templates and test files are a few kilobytes; if this one "
                        + "really must be larger, raise the limit with -Dfactory.maxInputSize=32MiB (or <factory.maxInputSize> in the "
                        + "pom's properties).",
                e.getMessage());
    }

    @Test
    void theLimitIsAProjectSetting() throws IOException {
        Path file = dir.resolve("m.yaml");
        Files.writeString(file,
                "id: m\nbase: busybox:1.35\nfragments: {light: healthcheck}\ndescription: " + "x".repeat(2000) + "\n");
        assertThrows(BadInputException.class,
                () -> new ManifestLoader(dir, new InputLimits(1024, 10)).loadManifest(file));
        assertEquals("m", new ManifestLoader(dir, new InputLimits(4096, 10)).loadManifest(file).id());
    }

    @Test
    void yamlNeverExpandsAliasesNorRunsLong() {
        // the "billion laughs": each level refers to the one before ten times; the streaming reader does not expand aliases
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                y.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        long start = System.nanoTime();
        YamlNode root = YamlReader.read(y.toString().getBytes(StandardCharsets.UTF_8), "laughs.yaml");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
        assertEquals(10, root.get("a9").items().size());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        BadInputException e = assertThrows(BadInputException.class,
                () -> YamlReader.read(deep.getBytes(StandardCharsets.UTF_8), "deep.yaml"));
        assertTrue(e.getMessage().startsWith("deep.yaml"), e.getMessage());
    }

    @Test
    void renderedTextHasTheSameBound() {
        InputLimits small = new InputLimits(100, 10);
        BadInputException e = assertThrows(BadInputException.class, () -> small.checkRendered("tests.yaml", 5000));
        assertTrue(
                e.getMessage()
                        .startsWith("tests.yaml: the rendered text is 4.9 KiB (5000 bytes), more than the 100 bytes"),
                e.getMessage());
        assertThrows(BadInputException.class, () -> new InputLimits(0, 10));
        assertThrows(BadInputException.class, () -> new InputLimits(10, 0));
    }
}
