package dev.factory.stitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantKeyTest {
    private static final String AMD = "linux/amd64";

    static StitchedBuild build(String fingerprint, Map<String, String> baseDigests, Map<String, String> buildArgs) {
        return new StitchedBuild("app", "app", "m.yaml", null, null, Map.of(), "localhost:5000/lab/busybox:1.35",
                "localhost:5000/app", List.of("latest"), List.of(AMD, "linux/arm64"), null, "layered", List.of(),
                "target/factory/builds/app/Dockerfile", Map.of(), buildArgs, fingerprint, "sha256:" + "9".repeat(64),
                baseDigests);
    }

    private static final Map<String, String> BASES = Map.of(AMD, "sha256:" + "a".repeat(64), "linux/arm64",
            "sha256:" + "b".repeat(64));

    @Test
    void eachPartOfTheKeyChangesIt() {
        String key = VariantKey.of(build("sha256:f1", BASES, Map.of()), AMD, Map.of("SOURCE_DATE_EPOCH", "1"));
        assertTrue(key.matches("sha256:[0-9a-f]{64}"), key);
        assertEquals(key, VariantKey.of(build("sha256:f1", BASES, Map.of()), AMD, Map.of("SOURCE_DATE_EPOCH", "1")),
                "stable");
        assertNotEquals(key, VariantKey.of(build("sha256:f2", BASES, Map.of()), AMD, Map.of("SOURCE_DATE_EPOCH", "1")),
                "fingerprint");
        assertNotEquals(key, VariantKey.of(build("sha256:f1", Map.of(AMD, "sha256:" + "c".repeat(64)), Map.of()), AMD,
                Map.of("SOURCE_DATE_EPOCH", "1")), "base digest");
        assertNotEquals(key, VariantKey.of(build("sha256:f1", BASES, Map.of()), AMD, Map.of("SOURCE_DATE_EPOCH", "2")),
                "build args");
        assertNotEquals(key,
                VariantKey.of(build("sha256:f1", BASES, Map.of()), "linux/arm64", Map.of("SOURCE_DATE_EPOCH", "1")),
                "platform");
    }

    @Test
    void theManifestsBuildArgsWinAsInTheBakeFile() {
        assertEquals(VariantKey.of(build("sha256:f1", BASES, Map.of("X", "m")), AMD, Map.of("X", "p")),
                VariantKey.of(build("sha256:f1", BASES, Map.of("X", "m")), AMD, Map.of()));
    }

    @Test
    void withoutTheBaseDigestThereIsNoKey() {
        assertNull(VariantKey.of(build("sha256:f1", Map.of("linux/arm64", "sha256:" + "b".repeat(64)), Map.of()), AMD,
                Map.of()));
    }
}
