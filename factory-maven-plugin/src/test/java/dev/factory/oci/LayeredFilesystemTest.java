package dev.factory.oci;

import static dev.factory.oci.TestImages.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.io.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LayeredFilesystemTest {

    private static String sha(String s) {
        return Hashing.sha256(s);
    }

    private static Map<String, String> tree(byte[]... tars) throws IOException {
        return TestImages.tree(TestImages.image(new TestImages.MemoryBlobs(), tars).filesystem());
    }

    /** path -> entry, content as text */
    private static Map<String, FsEntry> entries(Map<String, String> contents, byte[]... tars) throws IOException {
        Map<String, FsEntry> out = new TreeMap<>();
        TestImages.image(new TestImages.MemoryBlobs(), tars).filesystem().walk((e, in) -> {
            assertTrue(out.put(e.path(), e) == null, "visited twice: " + e.path());
            contents.put(e.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        });
        return out;
    }

    @Test
    void upperLayersWinAndWhiteoutsDelete() throws IOException {
        byte[] l0 = layer().dir("etc").file("etc/a", "old").file("etc/b", "bee").file("etc/c", "sea").tar();
        byte[] l1 = layer().file("etc/a", "new").whiteout("etc/b").tar();
        Map<String, String> t = tree(l0, l1);
        assertEquals(List.of("etc", "etc/a", "etc/c"), new ArrayList<>(t.keySet()));
        assertTrue(t.get("etc/a").contains(sha("new")));
    }

    @Test
    void whiteoutInTheSameLayerOnlyHidesLowerLayers() throws IOException {
        byte[] l0 = layer().file("x", "lower").tar();
        byte[] l1 = layer().whiteout("x").file("x", "same layer").tar();
        Map<String, String> t = tree(l0, l1);
        assertTrue(t.get("x").contains(sha("same layer")));
    }

    @Test
    void opaqueDirectoryHidesLowerChildrenOnly() throws IOException {
        byte[] l0 = layer().dir("d").file("d/p", "p").dir("d/q").file("d/q/r", "r").file("keep", "k").tar();
        byte[] l1 = layer().dir("d", 0700, 1, 1).opaque("d").file("d/new", "n").tar();
        Map<String, String> t = tree(l0, l1);
        assertEquals(List.of("d", "d/new", "keep"), new ArrayList<>(t.keySet()));
        assertTrue(t.get("d").endsWith("700 1:1"), t.get("d"));
    }

    @Test
    void deletedDirectoryRecreatedAboveKeepsOnlyNewChildren() throws IOException {
        byte[] l0 = layer().dir("v").file("v/old", "o").tar();
        byte[] l1 = layer().whiteout("v").tar();
        byte[] l2 = layer().dir("v").file("v/new", "n").tar();
        assertEquals(List.of("v", "v/new"), new ArrayList<>(tree(l0, l1, l2).keySet()));
    }

    @Test
    void childrenOfMiddleLayerSurviveALowerWhiteout() throws IOException {
        byte[] l0 = layer().dir("v").file("v/old", "o").tar();
        byte[] l1 = layer().whiteout("v").dir("v").file("v/mid", "m").tar();
        byte[] l2 = layer().file("v/top", "t").tar();
        assertEquals(List.of("v", "v/mid", "v/top"), new ArrayList<>(tree(l0, l1, l2).keySet()));
    }

    @Test
    void fileReplacingADirectoryHidesItsChildren() throws IOException {
        byte[] l0 = layer().dir("z").file("z/c", "c").tar();
        byte[] l1 = layer().file("z", "now a file").tar();
        Map<String, String> t = tree(l0, l1);
        assertEquals(List.of("z"), new ArrayList<>(t.keySet()));
    }

    @Test
    void aShadowedFileInTheMiddleStillErasesLowerChildren() throws IOException {
        byte[] l0 = layer().dir("d").file("d/x", "x").tar();
        byte[] l1 = layer().file("d", "a file for a while").tar();
        byte[] l2 = layer().dir("d").file("d/y", "y").tar();
        assertEquals(List.of("d", "d/y"), new ArrayList<>(tree(l0, l1, l2).keySet()));
    }

    @Test
    void symlinksAreReportedNotFollowed() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        Map<String, FsEntry> e = entries(contents,
                layer().dir("bin").file("bin/busybox", "bb").symlink("bin/sh", "busybox")
                        .symlink("abs", "/bin/busybox").nullDevice("dev-null").tar());
        assertEquals(FsEntry.Type.SYMLINK, e.get("bin/sh").type());
        assertEquals("busybox", e.get("bin/sh").linkTarget());
        assertEquals("/bin/busybox", e.get("abs").linkTarget());
        assertEquals("", contents.get("bin/sh"));
        assertEquals(FsEntry.Type.OTHER, e.get("dev-null").type());
    }

    @Test
    void hardLinkWithinALayer() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        Map<String, FsEntry> e = entries(contents, layer().file("t", "T").hardlink("l", "t").tar());
        assertEquals(FsEntry.Type.HARDLINK, e.get("l").type());
        assertEquals("t", e.get("l").linkTarget());
    }

    @Test
    void hardLinkToAFileOfALowerLayerResolves() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        Map<String, FsEntry> e = entries(contents, layer().file("t", "T").tar(), layer().hardlink("l", "t").tar());
        assertEquals(FsEntry.Type.HARDLINK, e.get("l").type());
        assertEquals("t", e.get("l").linkTarget());
        assertEquals("T", contents.get("t"));
    }

    @Test
    void hardLinkKeepsOldContentWhenItsTargetIsReplacedAbove() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        Map<String, FsEntry> e = entries(contents, layer().file("t", "old").tar(),
                layer().hardlink("l", "t").hardlink("m", "t").tar(),
                layer().file("t", "new").tar());
        assertEquals(FsEntry.Type.FILE, e.get("l").type());
        assertEquals("old", contents.get("l"));
        assertEquals("new", contents.get("t"));
        assertEquals(FsEntry.Type.HARDLINK, e.get("m").type());
        assertEquals("l", e.get("m").linkTarget());
    }

    @Test
    void hardLinkSurvivesTheDeletionOfItsTarget() throws IOException {
        Map<String, String> contents = new TreeMap<>();
        Map<String, FsEntry> e = entries(contents, layer().file("t", "old").tar(), layer().hardlink("l", "t").tar(),
                layer().whiteout("t").tar());
        assertFalse(e.containsKey("t"));
        assertEquals(FsEntry.Type.FILE, e.get("l").type());
        assertEquals("old", contents.get("l"));
    }

    @Test
    void hardLinkWhoseSameLayerTargetIsReplacedAboveIsReadAgain() throws IOException {
        TestImages.MemoryBlobs blobs = new TestImages.MemoryBlobs();
        Image image = TestImages.image(blobs, layer().file("t", "old").hardlink("l", "t").tar(),
                layer().file("t", "new").tar());
        Map<String, String> contents = new TreeMap<>();
        Map<String, FsEntry> e = new TreeMap<>();
        blobs.opens = 0;
        image.filesystem().walk((entry, in) -> {
            e.put(entry.path(), entry);
            contents.put(entry.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        });
        assertEquals(FsEntry.Type.FILE, e.get("l").type());
        assertEquals("old", contents.get("l"));
        assertEquals("new", contents.get("t"));
        assertEquals(3, blobs.opens, "two layers, the lower one read twice");
    }

    @Test
    void linkedContentWalkGivesTheBytesOfHardLinks() throws IOException {
        Image image = TestImages.image(new TestImages.MemoryBlobs(), layer().file("t", "T").tar(),
                layer().hardlink("l", "t").tar());
        Map<String, String> contents = new TreeMap<>();
        image.filesystem().walkWithLinkedContent((e, in) -> contents.put(e.path(), new String(in.readAllBytes(),
                StandardCharsets.UTF_8)));
        assertEquals("T", contents.get("l"));
        assertEquals("T", contents.get("t"));
    }

    @Test
    void gzipZstdAndPlainLayersAreRecognised() throws IOException {
        byte[] l0 = layer().file("a", "gz").tar();
        byte[] l1 = layer().file("b", "zst").tar();
        byte[] l2 = layer().file("c", "plain").tar();
        TestImages.MemoryBlobs blobs = new TestImages.MemoryBlobs();
        // the zstd layer is announced as gzip-less plain tar on purpose: magic bytes decide
        Image image = TestImages.image(blobs, Platform.parse("linux/arm64"),
                List.of(TestImages.gzip(l0), TestImages.zstd(l1), l2),
                List.of(MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.OCI_LAYER_TAR, MediaTypes.OCI_LAYER_TAR),
                List.of(l0, l1, l2));
        Map<String, String> t = TestImages.tree(image.filesystem());
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(t.keySet()));
        assertTrue(t.get("b").contains(sha("zst")));
    }

    @Test
    void announcedCompressionThatIsNotThereFails() {
        byte[] l0 = layer().file("a", "x").tar();
        Image image = TestImages.image(new TestImages.MemoryBlobs(), Platform.parse("linux/amd64"), List.of(l0),
                List.of(MediaTypes.OCI_LAYER_ZSTD), List.of(l0));
        IOException e = assertThrows(IOException.class, () -> image.filesystem().walk((x, in) -> {}));
        assertTrue(e.getMessage().contains("not zstd-compressed"), e.getMessage());
    }

    @Test
    void corruptBlobIsDetected() {
        TestImages.MemoryBlobs blobs = new TestImages.MemoryBlobs();
        Image image = TestImages.image(blobs, layer().file("a", "x").tar());
        byte[] stored = blobs.blobs.get(image.manifest().layers().get(0).digest());
        stored[600] ^= 1;
        IOException e = assertThrows(IOException.class, () -> image.filesystem().walk((x, in) -> in.readAllBytes()));
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
    }
}
