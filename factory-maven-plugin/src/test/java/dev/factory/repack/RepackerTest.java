package dev.factory.repack;

import static dev.factory.oci.TestImages.layer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.factory.BadInputException;
import dev.factory.io.ByteSize;
import dev.factory.io.Hashing;
import dev.factory.oci.Digests;
import dev.factory.oci.GnuTar;
import dev.factory.oci.Image;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.OciLayout;
import dev.factory.oci.Platform;
import dev.factory.oci.TarEntry;
import dev.factory.oci.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackerTest {
    private static final RepackOptions ONE_MB = new RepackOptions(RepackOptions.MIN_TARGET, 3);
    /**
     * A binary xattr value, as {@code security.capability} of a file with {@code cap_setuid+ep} is (bytes that are not
     * UTF-8, a NUL, a newline); set as a {@code user.*} xattr, which needs no root.
     */
    static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0, 0, 0, 0, 0x0a, 0, 0, (byte) 0xff, 0, 0, 0, 0, 0, 0,
            0};

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
                .dir("etc").file("etc/passwd", "root:x:0:0")
                .file("etc/shadow", "secret".getBytes(StandardCharsets.UTF_8), 0640, 0, 42)
                .dir("var").dir("var/cache").file("var/cache/old", random(200_000, 2), 0644, 0, 0)
                .file("var/cache/small", "s")
                .dir("data").file("data/a.bin", random(400_000, 3), 0644, 1000, 1000)
                .file("data/gone", random(50_000, 4), 0644, 0, 0)
                .nullDevice("null-dev").tar();
        byte[] l1 = layer().dir("var/cache", 0700, 0, 0).opaque("var/cache").file("var/cache/new", "fresh")
                .whiteout("data/gone")
                .hardlink("bin/tool-link", "bin/tool")
                .file("data/copy-of-a.bin", random(400_000, 3), 0644, 0, 0)
                .dir("opt").file("opt/big.bin", random(1_500_000, 5), 0644, 0, 0)
                .fileWithXattr("bin/ping", "ping", "user.factory.capability", CAPABILITY)
                .tar();
        byte[] l2 = layer().file("etc/passwd", "root:x:0:0:root:/root:/bin/sh")
                .file("data/lib.so", random(100_000, 6), 0755, 0, 0).hardlink("data/lib.so.1", "data/lib.so")
                .file("bin/tool", random(300_000, 7), 0755, 0, 0) // replaces the target of bin/tool-link
                .tar();
        return TestImages.image(blobs, Platform.parse("linux/arm64"),
                List.of(TestImages.gzip(l0), TestImages.zstd(l1), l2),
                List.of(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD, MediaTypes.OCI_LAYER_TAR),
                List.of(l0, l1, l2));
    }

    private RepackedImage repack(Image source, String work) {
        return new Repacker(ONE_MB, line -> {}).repack(source, "registry.test/app@" + source.digest(),
                temp.resolve(work));
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
        assertTrue(before.containsKey("var/cache/new") && !before.containsKey("var/cache/old")
                && !before.containsKey("data/gone"));
        // the link whose target was replaced above keeps the old content, as a file of its own
        assertEquals(List.of(List.of("data/lib.so", "data/lib.so.1")), TestImages.linkGroups(result.filesystem()));
        assertTrue(!before.get("bin/tool-link").equals(before.get("bin/tool")));
        // xattrs survive, binary ones included
        List<TarEntry> ping = new ArrayList<>();
        result.filesystem().walkTar((e, in) -> {
            if (e.path().equals("bin/ping")) {
                ping.add(e);
            }
        });
        assertEquals(new String(CAPABILITY, StandardCharsets.ISO_8859_1),
                ping.get(0).xattrs().get("user.factory.capability"));
    }

    /** The repacked layers as GNU tar reads them: the same final tree, owners, modes, links and xattrs as the source. */
    @Test
    void gnuTarReadsTheRepackedLayers() throws IOException {
        Image source = source(new TestImages.MemoryBlobs());
        RepackedImage repacked = repack(source, "w");
        Path root = Files.createDirectories(temp.resolve("extracted"));
        Map<String, String> seen = new TreeMap<>();
        for (LayerWriter.LayerFile layer : repacked.layers()) {
            byte[] tar = uncompressed(layer);
            List<String> devices = new ArrayList<>();
            for (GnuTar.Member m : GnuTar.members(tar)) {
                String what = switch (m.type()) {
                    case '-', 'h' -> "file";
                    case 'l' -> "symlink " + m.link();
                    case 'd' -> "dir";
                    default -> "other";
                };
                if (m.type() == 'c') {
                    devices.add(m.name());
                }
                assertEquals(null,
                        seen.put(m.name(),
                                what + " " + Integer.toOctalString(m.mode()) + " " + m.uid() + ":" + m.gid()),
                        "in one layer only: " + m.name());
            }
            // devices cannot be made without root; their listing is enough
            List<String> args = new ArrayList<>(
                    List.of("--xattrs", "--xattrs-include=user.*", "--no-same-owner", "-xf", "-"));
            devices.forEach(d -> args.add("--exclude=" + d));
            GnuTar.run(root, tar, args.toArray(String[]::new));
        }
        Map<String, String> expected = new TreeMap<>();
        TestImages.tree(source.filesystem())
                .forEach((path, what) -> expected.put(path, what.replaceFirst("^file [0-9a-f]{64}", "file")));
        assertEquals(expected, seen);
        for (Map.Entry<String, String> e : TestImages.tree(source.filesystem()).entrySet()) {
            if (e.getValue().startsWith("file ")) {
                String sha = e.getValue().split(" ")[1];
                assertEquals(sha, Hashing.sha256(Files.readAllBytes(root.resolve(e.getKey()))), e.getKey());
            }
        }
        ByteBuffer capability = ByteBuffer.allocate(64);
        Files.getFileAttributeView(root.resolve("bin/ping"), UserDefinedFileAttributeView.class)
                .read("factory.capability", capability);
        assertArrayEquals(CAPABILITY, Arrays.copyOf(capability.array(), capability.position()));
    }

    private static byte[] uncompressed(LayerWriter.LayerFile layer) throws IOException {
        try (InputStream in = new ZstdInputStreamNoFinalizer(Files.newInputStream(layer.file()))) {
            return in.readAllBytes();
        }
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
        List<List<GnuTar.Member>> layers = new ArrayList<>();
        for (LayerWriter.LayerFile layer : repacked.layers()) {
            assertEquals(MediaTypes.OCI_LAYER_ZSTD, layer.descriptor().mediaType());
            assertTrue(layer.descriptor().size() <= ONE_MB.targetSize() || layer.entries() == 1,
                    "layer over target: " + layer.descriptor().size());
            byte[] tar = uncompressed(layer);
            assertEquals(layer.diffId(), Digests.of(tar), "diff id is the sha256 of the tar");
            List<GnuTar.Member> entries = GnuTar.members(tar);
            List<String> paths = entries.stream().map(GnuTar.Member::name).toList();
            List<String> sorted = new ArrayList<>(paths);
            sorted.sort(null);
            assertEquals(sorted, paths, "sorted, parents first");
            layers.add(entries);
        }
        List<GnuTar.Member> first = layers.get(0);
        assertTrue(first.stream().filter(e -> e.type() == 'd').count() >= 5);
        assertTrue(first.stream().allMatch(e -> e.type() != '-' || Long.parseLong(e.size()) <= 4096),
                "only small files first");
        for (List<GnuTar.Member> later : layers.subList(1, layers.size())) {
            assertTrue(later.stream().noneMatch(e -> e.type() == 'd'));
        }
        // identical contents share a layer, and so do hard links and their file
        assertEquals(layerOf(layers, "data/a.bin"), layerOf(layers, "data/copy-of-a.bin"));
        assertEquals(layerOf(layers, "data/lib.so"), layerOf(layers, "data/lib.so.1"));
        // a file larger than the target is alone
        int big = layerOf(layers, "opt/big.bin");
        assertEquals(1, layers.get(big).size());
        assertEquals(repacked.config().diffIds(),
                repacked.layers().stream().map(LayerWriter.LayerFile::diffId).toList());
    }

    private static int layerOf(List<List<GnuTar.Member>> layers, String path) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).stream().anyMatch(e -> e.name().equals(path))) {
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
        Image source = TestImages.image(new TestImages.MemoryBlobs(), Platform.parse("linux/amd64"),
                List.of(TestImages.zstd(l0)),
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
        BadInputException notASize = assertThrows(BadInputException.class,
                () -> ByteSize.parse("big", "factory.repack.targetSize"));
        assertTrue(notASize.getMessage().contains("factory.repack.targetSize"));
        BadInputException small = assertThrows(BadInputException.class,
                () -> new RepackOptions(ByteSize.parse("512KB", "p"), 3));
        assertTrue(small.getMessage().contains("1 MB"), small.getMessage());
        assertThrows(BadInputException.class, () -> new RepackOptions(RepackOptions.DEFAULT_TARGET, 23));
    }
}
