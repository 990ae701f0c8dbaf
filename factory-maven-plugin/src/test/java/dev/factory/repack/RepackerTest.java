package dev.factory.repack;

import static dev.factory.oci.TestImages.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.factory.BadInputException;
import dev.factory.oci.Digests;
import dev.factory.oci.FsEntry;
import dev.factory.oci.Image;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.OciLayout;
import dev.factory.oci.Platform;
import dev.factory.oci.TarEntry;
import dev.factory.oci.TarReader;
import dev.factory.oci.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackerTest {
    private static final RepackOptions ONE_MB = new RepackOptions(RepackOptions.MIN_TARGET, 3);

    @TempDir
    Path temp;

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A source with every case: whiteouts, opaque dirs, cross-layer hard links, duplicates, big files, zstd and gzip layers. */
    static Image source(TestImages.MemoryBlobs blobs) {
        byte[] l0 = layer().dir("bin").file("bin/tool", random(300_000, 1), 0755, 0, 0).symlink("bin/sh", "tool")
                .dir("etc").file("etc/passwd", "root:x:0:0").file("etc/shadow", "secret".getBytes(StandardCharsets.UTF_8), 0640, 0, 42)
                .dir("var").dir("var/cache").file("var/cache/old", random(200_000, 2), 0644, 0, 0)
                .file("var/cache/small", "s")
                .dir("data").file("data/a.bin", random(400_000, 3), 0644, 1000, 1000)
                .file("data/gone", random(50_000, 4), 0644, 0, 0)
                .charDevice("null-dev", 1, 3).tar();
        byte[] l1 = layer().dir("var/cache", 0700, 0, 0).opaque("var/cache").file("var/cache/new", "fresh")
                .whiteout("data/gone")
                .hardlink("bin/tool-link", "bin/tool")
                .file("data/copy-of-a.bin", random(400_000, 3), 0644, 0, 0)
                .dir("opt").file("opt/big.bin", random(1_500_000, 5), 0644, 0, 0)
                .fileWithXattr("bin/ping", "ping", "security.capability", new byte[] {1, 0, 0, 2, 0, 0x20, 0, 0})
                .tar();
        byte[] l2 = layer().file("etc/passwd", "root:x:0:0:root:/root:/bin/sh")
                .file("data/lib.so", random(100_000, 6), 0755, 0, 0).hardlink("data/lib.so.1", "data/lib.so")
                .file("bin/tool", random(300_000, 7), 0755, 0, 0) // replaces the target of bin/tool-link
                .tar();
        return TestImages.image(blobs, Platform.parse("linux/arm64"),
                List.of(TestImages.gzip(l0), TestImages.zstd(l1), l2),
                List.of(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD, MediaTypes.OCI_LAYER_TAR), List.of(l0, l1, l2));
    }

    private RepackedImage repack(Image source, String work) {
        return new Repacker(ONE_MB, line -> { }).repack(source, "registry.test/app@" + source.digest(), temp.resolve(work));
    }

    private Image read(RepackedImage repacked, String dir) throws IOException {
        Path layout = temp.resolve(dir);
        RepackPublisher.writeLayout(layout, "1.0-repacked", List.of(repacked), false);
        return OciLayout.at(layout).image(null, repacked.platform());
    }

    @Test
    void theFlattenedTreeIsTheSame() throws IOException {
        Image source = source(new TestImages.MemoryBlobs());
        RepackedImage repacked = repack(source, "w");
        Image result = read(repacked, "layout");
        Map<String, String> before = TestImages.tree(source.filesystem());
        Map<String, String> after = TestImages.tree(result.filesystem());
        assertEquals(before, after);
        assertEquals(TestImages.linkGroups(source.filesystem()), TestImages.linkGroups(result.filesystem()));
        assertTrue(before.containsKey("var/cache/new") && !before.containsKey("var/cache/old") && !before.containsKey("data/gone"));
        // the link whose target was replaced above keeps the old content, as a file of its own
        assertEquals(List.of(List.of("data/lib.so", "data/lib.so.1")), TestImages.linkGroups(result.filesystem()));
        assertTrue(!before.get("bin/tool-link").equals(before.get("bin/tool")));
        // xattrs survive
        List<TarEntry> ping = new ArrayList<>();
        result.filesystem().walkTar((e, in) -> {
            if (e.path().equals("bin/ping")) {
                ping.add(e);
            }
        });
        assertEquals(new String(new byte[] {1, 0, 0, 2, 0, 0x20, 0, 0}, StandardCharsets.ISO_8859_1),
                ping.get(0).xattrs().get("security.capability"));
    }

    @Test
    void sameInputSameDigests() {
        RepackedImage first = repack(source(new TestImages.MemoryBlobs()), "one");
        RepackedImage second = repack(source(new TestImages.MemoryBlobs()), "two");
        assertEquals(first.digest(), second.digest());
        assertEquals(first.layers().stream().map(l -> l.descriptor().digest()).toList(),
                second.layers().stream().map(l -> l.descriptor().digest()).toList());
    }

    @Test
    void layersFollowThePlan() throws IOException {
        Image source = source(new TestImages.MemoryBlobs());
        RepackedImage repacked = repack(source, "w");
        List<List<TarEntry>> layers = new ArrayList<>();
        for (LayerWriter.LayerFile layer : repacked.layers()) {
            assertEquals(MediaTypes.OCI_LAYER_ZSTD, layer.descriptor().mediaType());
            assertTrue(layer.descriptor().size() <= ONE_MB.targetSize() || layer.entries() == 1,
                    "layer over target: " + layer.descriptor().size());
            List<TarEntry> entries = new ArrayList<>();
            byte[] tar;
            try (InputStream in = new ZstdInputStreamNoFinalizer(Files.newInputStream(layer.file()))) {
                tar = in.readAllBytes();
            }
            assertEquals(layer.diffId(), Digests.of(tar), "diff id is the sha256 of the tar");
            TarReader reader = new TarReader(new java.io.ByteArrayInputStream(tar));
            for (TarEntry e; (e = reader.next()) != null; ) {
                entries.add(e);
            }
            List<String> paths = entries.stream().map(TarEntry::path).toList();
            List<String> sorted = new ArrayList<>(paths);
            sorted.sort(null);
            assertEquals(sorted, paths, "sorted, parents first");
            layers.add(entries);
        }
        List<TarEntry> first = layers.get(0);
        assertTrue(first.stream().filter(e -> e.type() == FsEntry.Type.DIRECTORY).count() >= 5);
        assertTrue(first.stream().allMatch(e -> e.type() != FsEntry.Type.FILE || e.size() <= 4096), "only small files first");
        for (List<TarEntry> later : layers.subList(1, layers.size())) {
            assertTrue(later.stream().noneMatch(e -> e.type() == FsEntry.Type.DIRECTORY));
        }
        // identical contents share a layer, and so do hard links and their file
        assertEquals(layerOf(layers, "data/a.bin"), layerOf(layers, "data/copy-of-a.bin"));
        assertEquals(layerOf(layers, "data/lib.so"), layerOf(layers, "data/lib.so.1"));
        // a file larger than the target is alone
        int big = layerOf(layers, "opt/big.bin");
        assertEquals(1, layers.get(big).size());
        assertEquals(repacked.config().diffIds(), repacked.layers().stream().map(LayerWriter.LayerFile::diffId).toList());
    }

    private static int layerOf(List<List<TarEntry>> layers, String path) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).stream().anyMatch(e -> e.path().equals(path))) {
                return i;
            }
        }
        throw new AssertionError(path + " is in no layer");
    }

    @Test
    void configKeepsHowToRunAndSaysWhereItCameFrom() {
        Image source = source(new TestImages.MemoryBlobs());
        RepackedImage repacked = repack(source, "w");
        var config = repacked.config();
        assertEquals(source.config().env(), config.env());
        assertEquals(List.of("/bin/app"), config.entrypoint());
        assertEquals(List.of("--serve"), config.cmd());
        assertEquals("1000:1000", config.user());
        assertEquals("/srv", config.workingDir());
        assertEquals(Map.of("org.opencontainers.image.title", "demo"), config.labels());
        assertEquals(java.util.Set.of("8080/tcp"), config.exposedPorts());
        assertEquals("arm64", config.architecture());
        assertEquals(repacked.layers().size(), config.history().size());
        assertTrue(config.history().get(0).path("comment").asText().contains(source.digest()));
        assertEquals("registry.test/app@" + source.digest(),
                repacked.manifest().annotations().get(Repacker.SOURCE_ANNOTATION));
    }

    @Test
    void alreadyZstdSourceRepacksToo() throws IOException {
        byte[] l0 = layer().dir("x").file("x/y", random(10_000, 9), 0644, 0, 0).tar();
        Image source = TestImages.image(new TestImages.MemoryBlobs(), Platform.parse("linux/amd64"), List.of(TestImages.zstd(l0)),
                List.of(MediaTypes.OCI_LAYER_ZSTD), List.of(l0));
        Image result = read(repack(source, "w"), "layout");
        assertEquals(TestImages.tree(source.filesystem()), TestImages.tree(result.filesystem()));
    }

    @Test
    void sizesAndOptions() {
        assertEquals(32L * 1024 * 1024, ByteSize.parse("32MB", "p"));
        assertEquals(512L * 1024, ByteSize.parse("512KB", "p"));
        assertEquals(1024L * 1024 * 1024, ByteSize.parse("1g", "p"));
        assertEquals(1048576L, ByteSize.parse("1048576", "p"));
        assertEquals(1536L * 1024, ByteSize.parse("1.5MiB", "p"));
        BadInputException notASize = assertThrows(BadInputException.class, () -> ByteSize.parse("big", "factory.repack.targetSize"));
        assertTrue(notASize.getMessage().contains("factory.repack.targetSize"));
        BadInputException small = assertThrows(BadInputException.class,
                () -> new RepackOptions(ByteSize.parse("512KB", "p"), 3));
        assertTrue(small.getMessage().contains("1 MB"), small.getMessage());
        assertThrows(BadInputException.class, () -> new RepackOptions(RepackOptions.DEFAULT_TARGET, 23));
    }
}
