package dev.factory.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.io.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cache folders as BuildKit's local exporter leaves them: an OCI layout whose index.json names the cache
 * manifest of the last export, next to the blobs of every earlier one. (The IT bake-local-cache-cap checks the same
 * on folders buildx wrote.)
 */
class LocalCacheTest {
    @TempDir
    Path root;

    private final List<String> log = new ArrayList<>();

    private static String blob(Path folder, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String hex = Hashing.sha256(bytes);
        Path file = folder.resolve("blobs/sha256/" + hex);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return "sha256:" + hex;
    }

    /** One export: layers, a cache config and a manifest naming them; index.json's latest entry moved to it. */
    private static String export(Path folder, String... layers) throws IOException {
        StringBuilder ls = new StringBuilder();
        for (String layer : layers) {
            String d = blob(folder, layer);
            ls.append(ls.length() == 0 ? "" : ",")
                    .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(d).append("\",\"size\":").append(layer.length()).append('}');
        }
        String config = blob(folder, "{\"cache\":[" + ls + "]}");
        String manifest = blob(folder,
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                        + "{\"mediaType\":\"application/vnd.buildkit.cacheconfig.v0\",\"digest\":\"" + config
                        + "\",\"size\":1},\"layers\":[" + ls + "]}");
        // an index in between, as older BuildKit exports it
        String index = blob(folder,
                "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                        + "\"digest\":\"" + manifest + "\",\"size\":1}]}");
        Files.writeString(folder.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + index + "\",\"size\":1,\"annotations\":"
                + "{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
        Files.writeString(folder.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return manifest;
    }

    private static long blobs(Path folder) throws IOException {
        try (var s = Files.list(folder.resolve("blobs/sha256"))) {
            return s.count();
        }
    }

    private static long size(Path folder) throws IOException {
        try (var s = Files.walk(folder)) {
            long total = 0;
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                total += Files.size(p);
            }
            return total;
        }
    }

    private static void age(Path path, int minutes) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minusSeconds(60L * minutes)));
    }

    @Test
    void blobsNoIndexReachesAreDeletedAndTheLatestExportIsKept() throws IOException {
        Path folder = root.resolve("app-linux-amd64");
        export(folder, "layer one", "layer shared");
        try (var s = Files.list(folder.resolve("blobs/sha256"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                age(p, 10);
            }
        }
        export(folder, "layer two", "layer shared");
        assertEquals(9, blobs(folder), "2 exports x (layers, config, manifest, index), one layer shared");
        new LocalCache(root, Long.MAX_VALUE, log::add, log::add).maintain(List.of("app-linux-amd64"), true,
                Instant.now().minusSeconds(60));
        assertEquals(5, blobs(folder), "the last export: 2 layers, config, manifest, index");
        assertTrue(LocalCache.reached(folder).size() == 5);
        assertTrue(log.get(0).startsWith("Local cache: deleted 4 blob(s), "), log.toString());
    }

    @Test
    void blobsWrittenSinceTheBakeBeganAreKept() throws IOException {
        Path folder = root.resolve("app-linux-amd64");
        export(folder, "layer one");
        export(folder, "layer two");
        Instant before = Instant.now().minusSeconds(3600);
        assertEquals(0, LocalCache.collect(folder, before)[0], "another build may be exporting into the same folder");
    }

    @Test
    void aFolderWithoutReadableIndexLosesNothing() throws IOException {
        Path folder = root.resolve("app-linux-amd64");
        export(folder, "layer one");
        Files.writeString(folder.resolve("index.json"), "{not json");
        assertEquals(0, LocalCache.collect(folder, Instant.now().plusSeconds(60))[0]);
        assertEquals(4, blobs(folder));
    }

    @Test
    void overTheCapTheLeastRecentlyUsedFoldersGoButNeverThoseOfThisBake() throws IOException {
        for (String name : List.of("old-linux-amd64", "older-linux-amd64", "used-linux-amd64", "recent-linux-amd64")) {
            export(root.resolve(name), "x".repeat(1000) + name);
        }
        Files.createDirectories(root.resolve("not-a-cache"));
        Files.writeString(root.resolve("not-a-cache/file"), "y".repeat(5000));
        age(root.resolve("older-linux-amd64"), 300);
        age(root.resolve("old-linux-amd64"), 200);
        age(root.resolve("used-linux-amd64"), 400);
        age(root.resolve("recent-linux-amd64"), 10);
        long one = size(root.resolve("recent-linux-amd64"));
        new LocalCache(root, 2 * one + 100, log::add, log::add).maintain(List.of("used-linux-amd64"), false,
                Instant.now());
        assertFalse(Files.exists(root.resolve("older-linux-amd64")));
        assertFalse(Files.exists(root.resolve("old-linux-amd64")));
        assertTrue(Files.exists(root.resolve("used-linux-amd64")), "this bake's folder stays, however old it was");
        assertTrue(Files.exists(root.resolve("recent-linux-amd64")));
        assertTrue(Files.exists(root.resolve("not-a-cache/file")), "not an OCI layout: not Factory's to remove");
        assertTrue(log.get(0).contains("): removed the least recently used 2 folder(s): older-linux-amd64 ("),
                log.toString());
        assertTrue(log.get(0).contains("), old-linux-amd64 ("), log.toString());
    }

    @Test
    void aBakeWhoseOwnCacheIsOverTheCapKeepsItAndSaysSo() throws IOException {
        export(root.resolve("used-linux-amd64"), "x".repeat(5000));
        new LocalCache(root, 100, log::add, log::add).maintain(List.of("used-linux-amd64"), false, Instant.now());
        assertTrue(Files.exists(root.resolve("used-linux-amd64")));
        assertTrue(log.get(0).contains("in the folders of this bake alone; they are kept for the next build"),
                log.toString());
    }
}
