package dev.factory.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantsCountTest {
    @TempDir
    Path dir;

    private Plan plan(String name, String text) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, text);
        return new ManifestLoader(dir).loadPlan(f);
    }

    private Manifest manifest() throws IOException {
        Path f = dir.resolve("app.yaml");
        Files.writeString(f, "id: app\nbase: debian:bookworm-slim\nfragments: {core: jre}\n");
        return new ManifestLoader(dir).loadManifest(f);
    }

    @Test
    void countsTheProductMinusExcludesPlusIncludes() throws IOException {
        Plan p = plan("p", "manifest: app\naxes:\n  base: [a:1, b:1, c:1]\n  core.version: [\"17\", \"21\"]\n"
                + "exclude:\n  - {base: a:1}\n  - {base: b:1, core.version: \"21\"}\n  - {base: z:9}\n"
                + "include:\n  - {base: d:1}\n");
        Variants.Count c = Variants.count(p);
        assertTrue(c.exact());
        assertEquals(BigInteger.valueOf(3 + 1), c.variants(), "6 - 2 (a) - 1 (b, 21) + 1 include; z:9 matches nothing");
        assertEquals(c.variants().intValue(), Variants.rows(p).size(), "the count agrees with the expansion");
    }

    @Test
    void aHugePlanIsCountedByItsAxesAlone() throws IOException {
        StringBuilder axes = new StringBuilder("manifest: app\naxes:\n");
        for (int a = 0; a < 12; a++) {
            axes.append("  core.v").append(a).append(": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        }
        Plan p = plan("huge", axes + "exclude:\n  - {core.v0: \"0\"}\n");
        long start = System.nanoTime();
        Variants.Count c = Variants.count(p);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 100);
        assertFalse(c.exact(), "too many to walk: an upper bound before the exclude rows");
        assertEquals(new BigInteger("1000000000000"), c.variants());
    }

    @Test
    void theLimitCoversAllPlansOfTheProject() throws IOException {
        Manifest m = manifest();
        Plan a = plan("a", "manifest: app\naxes:\n  core.version: [" + numbers(600) + "]\n");
        Plan b = plan("b", "manifest: app\naxes:\n  core.version: [" + numbers(500) + "]\n");
        Variants.checkCount(List.of(m), List.of(a), 1000);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Variants.checkCount(List.of(m), List.of(a, b), 1000));
        assertEquals(
                "b.yaml:2:1: axes: with plan 'b' (500 variants: 500 core.version) this project's manifests and plans "
                        + "expand to 1100 variants (plan a: 600, plan b: 500), more than the 1000 variants Factory builds per project "
                        + "(factory.maxVariants). Each variant is a Dockerfile, an image per platform, its tests and a record: narrow "
                        + "the axes or drop combinations with 'exclude'; if you mean to build that many, raise the limit with "
                        + "-Dfactory.maxVariants=1100.",
                e.getMessage());
    }

    private static String numbers(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ", ").append('"').append(i).append('"');
        }
        return s.toString();
    }
}
