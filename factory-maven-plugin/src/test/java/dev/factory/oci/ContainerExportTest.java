package dev.factory.oci;

import static dev.factory.oci.TestImages.layer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine side (docker create/export/rm) is covered by the stdlib-builds IT; here the argv and the tar walk. */
class ContainerExportTest {

    private static ImageFilesystem flat(byte[] tar) {
        return visitor -> ContainerExport.walkTar(new ByteArrayInputStream(tar), visitor);
    }

    @Test
    void visitsEveryEntryOnceWithFileContentAndHardLinkTargets() throws IOException {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 'x');
        byte[] tar = layer().file(".dockerenv", "").dir("usr").dir("usr/bin").file("usr/bin/perl", "#!perl")
                .hardlink("usr/bin/perl5.36.0", "usr/bin/perl").symlink("bin", "usr/bin")
                .file("usr/lib/big.so", big, 0755, 0, 0).nullDevice("dev/null")
                .file("var/lib/dpkg/status", "Package: perl\n").tar();
        Map<String, FsEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        ContainerExport.walkTar(new ByteArrayInputStream(tar), (e, in) -> {
            assertTrue(entries.put(e.path(), e) == null, "visited twice: " + e.path());
            // big.so is left unread: the walk must skip it and still read the next entry right
            if (!e.path().equals("usr/lib/big.so")) {
                contents.put(e.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        assertEquals(
                List.of(".dockerenv", "usr", "usr/bin", "usr/bin/perl", "usr/bin/perl5.36.0", "bin", "usr/lib/big.so",
                        "dev/null", "var/lib/dpkg/status"),
                new ArrayList<>(entries.keySet()));
        assertEquals("#!perl", contents.get("usr/bin/perl"));
        assertEquals(FsEntry.Type.HARDLINK, entries.get("usr/bin/perl5.36.0").type());
        assertEquals("usr/bin/perl", entries.get("usr/bin/perl5.36.0").linkTarget());
        assertEquals("", contents.get("usr/bin/perl5.36.0"));
        assertEquals(FsEntry.Type.SYMLINK, entries.get("bin").type());
        assertEquals("usr/bin", entries.get("bin").linkTarget());
        assertEquals(100_000, entries.get("usr/lib/big.so").size());
        assertEquals(0755, entries.get("usr/lib/big.so").mode());
        assertEquals(FsEntry.Type.OTHER, entries.get("dev/null").type());
        assertEquals("Package: perl\n", contents.get("var/lib/dpkg/status"));
    }

    @Test
    void aStreamThatCannotSkipIsReadThrough() throws IOException {
        byte[] big = new byte[300_000];
        byte[] tar = layer().file("usr/lib/big.so", big, 0644, 0, 0).file("etc/os-release", "ID=debian\n").tar();
        // like FileInputStream over a pipe (standard input): skip is refused
        ByteArrayInputStream pipe = new ByteArrayInputStream(tar) {
            @Override
            public synchronized long skip(long n) {
                throw new UnsupportedOperationException("Illegal seek");
            }
        };
        Map<String, String> contents = new LinkedHashMap<>();
        ContainerExport.walkTar(pipe, (e, in) -> {
            if (e.path().startsWith("etc/")) {
                contents.put(e.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        assertEquals(Map.of("etc/os-release", "ID=debian\n"), contents);
    }

    @Test
    void theRootEntryIsSkipped() throws IOException {
        byte[] tar = layer().dir(".").file("./etc/os-release", "ID=debian\n").tar();
        List<String> paths = new ArrayList<>();
        ContainerExport.walkTar(new ByteArrayInputStream(tar), (e, in) -> paths.add(e.path()));
        assertEquals(List.of("etc/os-release"), paths);
    }

    @Test
    void theFlattenedTreeEqualsTheLayeredOne() throws IOException {
        // what an export of this two-layer image holds: the engine applied the whiteout and the upper version
        byte[] lower = layer().dir("etc").file("etc/a", "old").file("etc/gone", "g").file("usr/bin/x", "x")
                .hardlink("usr/bin/y", "usr/bin/x").tar();
        byte[] upper = layer().file("etc/a", "new").whiteout("etc/gone").tar();
        byte[] flattened = layer().dir("etc").file("etc/a", "new").file("usr/bin/x", "x")
                .hardlink("usr/bin/y", "usr/bin/x")
                .tar();
        FlatTree layered = FlatTree.of(TestImages.image(new TestImages.MemoryBlobs(), lower, upper).filesystem());
        FlatTree exported = FlatTree.of(flat(flattened));
        assertEquals(layered.entries(), exported.entries());
        assertEquals(layered.digest(), exported.digest());
    }

    @Test
    void hardLinksGetTheirContentOnRequest() throws IOException {
        byte[] tar = layer().file("a", "shared").hardlink("b", "a").tar();
        Map<String, String> contents = new LinkedHashMap<>();
        flat(tar).walkWithLinkedContent(
                (e, in) -> contents.put(e.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        assertEquals(Map.of("a", "shared", "b", "shared"), contents);
    }

    @Test
    void aVisitorFailureStopsTheWalkUnchanged() {
        byte[] tar = layer().file("a", "1").file("b", "2").tar();
        IOException boom = new IOException("boom");
        List<String> seen = new ArrayList<>();
        IOException thrown = assertThrows(IOException.class,
                () -> ContainerExport.walkTar(new ByteArrayInputStream(tar),
                        (e, in) -> {
                            seen.add(e.path());
                            throw boom;
                        }));
        assertSame(boom, thrown);
        assertEquals(List.of("a"), seen);
    }

    @Test
    void aTruncatedExportIsAnError() {
        byte[] tar = layer().file("a", "x".repeat(2000)).tar();
        byte[] cut = Arrays.copyOf(tar, 1000);
        assertThrows(IOException.class, () -> ContainerExport.walkTar(new ByteArrayInputStream(cut),
                (e, in) -> in.readAllBytes()));
    }

    @Test
    void theContainerNeverPullsIsLabelledAndNamedAndNeverRuns() {
        assertEquals(
                List.of("create", "--pull", "never", "--name", "factory-sbom-20260101000000-abcdef-1", "--platform",
                        "linux/arm64", "--label", "dev.factory.run=sbom-20260101000000-abcdef", "--entrypoint",
                        "factory-export-only", "localhost:5000/app:1-linux-arm64"),
                ContainerExport.createArgs("factory-sbom-20260101000000-abcdef-1", "20260101000000-abcdef",
                        "localhost:5000/app:1-linux-arm64", "linux/arm64"));
    }

    @Test
    void runIdsAreSafeInNamesAndLabels() {
        String id = ContainerExport.newRunId();
        assertTrue(id.matches("[0-9]{14}-[0-9a-f]{6}"), id);
    }

    @Test
    void aMissingImageIsTheUsersToFix() {
        assertEquals("Image app:1-linux-arm64 for linux/arm64 was not found in the local engine; build it first with "
                + "factory:bake (or docker pull --platform linux/arm64 app:1-linux-arm64).",
                assertInstanceOf(BadInputException.class,
                        ContainerExport.createFailure("app:1-linux-arm64", "linux/arm64",
                                1, "Error response from daemon: No such image: app:1-linux-arm64\n"))
                        .getMessage());
    }

    @Test
    void anyOtherCreateFailureIsTheEngines() {
        assertEquals("Creating a container from app:1 (linux/amd64) to export its filesystem failed (docker create, "
                + "exit 125): Error response from daemon: Conflict. The container name is already in use",
                assertInstanceOf(EnvironmentException.class, ContainerExport.createFailure("app:1", "linux/amd64", 125,
                        "Error response from daemon: Conflict. The container name is already in use\n")).getMessage());
    }
}
