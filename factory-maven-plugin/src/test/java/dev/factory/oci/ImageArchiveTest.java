package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {
    @TempDir
    Path temp;

    /** An image archive as GNU tar writes one (the engine's docker image save is a tar of the same files). */
    private Path archive(Map<String, byte[]> files) throws IOException {
        Path file = temp.resolve("save-" + files.size() + "-" + System.nanoTime() + ".tar");
        TestImages.LayerBuilder tar = TestImages.layer("gnu");
        files.forEach((name, bytes) -> tar.file(name, bytes, 0444, 0, 0));
        Files.write(file, tar.tar());
        return file;
    }

    private static String blob(byte[] b) {
        return "blobs/sha256/" + Digests.hex(Digests.of(b));
    }

    /** The containerd image store's export: index.json naming a multi-arch index; amd64 content only. */
    @Test
    void ociLayoutArchiveWithAMissingPlatform() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] layer = TestImages.gzip(TestImages.layer().dir("etc").file("etc/os-release", "amd64").tar());
        byte[] plain = TestImages.layer().dir("etc").file("etc/os-release", "amd64").tar();
        ImageConfig config = ImageConfig.of(TestImages.configJson(Platform.parse("linux/amd64"), List.of(plain)));
        ImageManifest amd = ImageManifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, config.digest(), config.bytes().length),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digests.of(layer), layer.length)), Map.of());
        Descriptor arm = Descriptor.of(MediaTypes.OCI_MANIFEST, "sha256:" + "b".repeat(64), 500)
                .withPlatform(Platform.parse("linux/arm64"));
        Descriptor attestation = Descriptor.of(MediaTypes.OCI_MANIFEST, "sha256:" + "c".repeat(64), 500)
                .withPlatform(new Platform("unknown", "unknown", null))
                .withAnnotations(Map.of("vnd.docker.reference.type", "attestation-manifest"));
        ImageIndex inner = ImageIndex.oci(List.of(amd.descriptor().withPlatform(Platform.parse("linux/amd64")), arm,
                attestation), Map.of());
        ImageIndex top = ImageIndex.oci(List.of(inner.descriptor().withAnnotations(Map.of("io.containerd.image.name",
                "localhost:5000/app:1"))), Map.of());
        // blobs before the index, in no particular order
        files.put(blob(layer), layer);
        files.put(blob(inner.bytes()), inner.bytes());
        files.put(blob(config.bytes()), config.bytes());
        files.put(blob(amd.bytes()), amd.bytes());
        files.put("index.json", top.bytes());
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        Path file = archive(files);

        try (ImageArchive a = ImageArchive.open(file, true, "the test archive")) {
            Image image = a.image("localhost:5000/app:1", Platform.parse("linux/amd64"));
            assertEquals(amd.digest(), image.digest());
            assertEquals(List.of("/bin/app"), image.config().entrypoint());
            assertTrue(TestImages.tree(image.filesystem()).containsKey("etc/os-release"));
            BadInputException missing = assertThrows(BadInputException.class,
                    () -> a.image("localhost:5000/app:1", Platform.parse("linux/arm64")));
            assertTrue(missing.getMessage().contains("docker pull --platform linux/arm64"), missing.getMessage());
            BadInputException several = assertThrows(BadInputException.class,
                    () -> a.image("localhost:5000/app:1", null));
            assertTrue(several.getMessage().contains("several platforms"), several.getMessage());
        }
        assertFalse(Files.exists(file), "a spooled export is deleted on close");
    }

    /** Engines without the containerd store: manifest.json, <id>.json, <id>/layer.tar (uncompressed). */
    @Test
    void legacyDockerArchive() throws IOException {
        byte[] l0 = TestImages.layer().dir("app").file("app/a", "1").tar();
        byte[] l1 = TestImages.layer().file("app/b", "2").whiteout("app/a").tar();
        ImageConfig config = ImageConfig.of(TestImages.configJson(Platform.parse("linux/amd64"), List.of(l0, l1)));
        String id = Digests.hex(config.digest());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("aaa/layer.tar", l0);
        files.put("bbb/layer.tar", l1);
        files.put(id + ".json", config.bytes());
        files.put("manifest.json",
                ("[{\"Config\":\"" + id + ".json\",\"RepoTags\":[\"app:1\"],\"Layers\":[\"aaa/layer.tar\","
                        + "\"bbb/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        try (ImageArchive a = ImageArchive.open(archive(files), false, "the legacy archive")) {
            Image image = a.image("app:1", null);
            assertEquals(new ArrayList<>(List.of("app", "app/b")),
                    new ArrayList<>(TestImages.tree(image.filesystem()).keySet()));
            assertEquals(2, image.manifest().layers().size());
            assertThrows(BadInputException.class, () -> a.image("app:1", Platform.parse("linux/arm64")));
        }
    }

    @Test
    void notAnArchive() throws IOException {
        Path file = temp.resolve("junk.tar");
        Files.write(file, "this is not a tar file at all, no, not at all".repeat(20).getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> ImageArchive.open(file, false, "junk"));
        assertTrue(e.getMessage().contains("not a readable image archive"), e.getMessage());
    }
}
