package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
    @TempDir
    Path dir;

    private DockerConfig config(String json) throws IOException {
        Files.writeString(dir.resolve("config.json"), json);
        return DockerConfig.load(Map.of("DOCKER_CONFIG", dir.toString()));
    }

    @Test
    void authsEntriesByHostOrUrl() throws IOException {
        String auth = Base64.getEncoder().encodeToString("ci:pa:ss".getBytes(StandardCharsets.UTF_8));
        DockerConfig c = config("{\"auths\":{\"https://localhost:5000/v1/\":{\"auth\":\"" + auth + "\"},"
                + "\"https://index.docker.io/v1/\":{\"identitytoken\":\"refresh\"}}}");
        Credentials local = c.forRegistry("localhost:5000").orElseThrow();
        assertEquals("ci", local.username());
        assertEquals("pa:ss", local.secret());
        assertFalse(local.toString().contains("pa:ss"));
        assertTrue(local.source().contains(dir.resolve("config.json").toString()));
        Credentials hub = c.forRegistry("docker.io").orElseThrow();
        assertTrue(hub.identityToken());
        assertTrue(c.forRegistry("ghcr.io").isEmpty());
    }

    @Test
    void missingConfigMeansNoCredentials() {
        assertTrue(DockerConfig.load(Map.of("DOCKER_CONFIG", dir.resolve("none").toString())).forRegistry("x.io")
                .isEmpty());
    }

    @Test
    void missingCredentialHelperIsExplained() throws IOException {
        DockerConfig c = config("{\"credHelpers\":{\"ghcr.io\":\"factory-test-absent\"}}");
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> c.forRegistry("ghcr.io"));
        assertTrue(e.getMessage().contains("docker-credential-factory-test-absent is not on the PATH"), e.getMessage());
    }

    @Test
    void referencesParseLikeTheDockerCli() {
        assertEquals(new ImageReference("docker.io", "library/busybox", "latest", null),
                ImageReference.parse("busybox"));
        ImageReference r = ImageReference.parse("localhost:5000/lab/busybox:1.35");
        assertEquals("localhost:5000", r.registry());
        assertEquals("lab/busybox", r.repository());
        assertEquals("1.35", r.reference());
        String digest = "sha256:" + "a".repeat(64);
        assertEquals(digest, ImageReference.parse("ghcr.io/o/app:1@" + digest).reference());
    }
}
