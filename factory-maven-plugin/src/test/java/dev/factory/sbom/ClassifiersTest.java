package dev.factory.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.factory.docker.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Binary classifiers, JVM release files and the Go build information, and how dpkg-owned findings are kept. */
class ClassifiersTest {

    /** Filler that holds none of the anchors: lower-case letters and NULs only. */
    static byte[] filler(int size, long seed) {
        byte[] b = new byte[size];
        Random r = new Random(seed);
        for (int i = 0; i < size; i++) {
            int x = r.nextInt(27);
            b[i] = x == 26 ? 0 : (byte) ('a' + x);
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** How many bytes of its array a reader took from {@code in} (reads and skips: the readers never reset). */
    static long taken(ByteArrayInputStream in, byte[] file) {
        return file.length - in.available();
    }

    static final Pattern BUSYBOX = Pattern.compile("BusyBox\\s+v([0-9]+\\.[0-9]+\\.[0-9]+)");

    @Test
    void aVersionIsFoundWhereverItFallsAgainstTheChunkBoundaries() throws IOException {
        byte[] version = ascii("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.");
        for (int at = StreamSearch.CHUNK - 80; at <= StreamSearch.CHUNK + 10; at++) {
            byte[] file = concat(filler(at, at), version, filler(1000, 7));
            assertEquals("1.36.1",
                    StreamSearch.find(new ByteArrayInputStream(file), Long.MAX_VALUE, ascii("BusyBox"), BUSYBOX, 64),
                    "version at " + at);
        }
        // at the very end of the file too
        byte[] tail = concat(filler(3 * StreamSearch.CHUNK + 5, 1), ascii("BusyBox v1.2.3"));
        assertEquals("1.2.3",
                StreamSearch.find(new ByteArrayInputStream(tail), Long.MAX_VALUE, ascii("BusyBox"), BUSYBOX, 64));
    }

    @Test
    void theAnchorAloneIsNotAMatchAndReadingStopsAtTheFirstMatch() throws IOException {
        byte[] file = concat(ascii("BusyBox is copyrighted by many authors"), filler(200_000, 2),
                ascii("\0BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\0"), filler(5_000_000, 3));
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        assertEquals("1.35.0", StreamSearch.find(in, Long.MAX_VALUE, ascii("BusyBox"), BUSYBOX, 64));
        long read = taken(in, file);
        assertTrue(read < 400_000, "read " + read + " bytes of a 5 MB file whose version is 200 KB in");
    }

    @Test
    void nothingPastTheLimitIsRead() throws IOException {
        byte[] file = concat(filler(1_000_000, 4), ascii("BusyBox v9.9.9"));
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        assertNull(StreamSearch.find(in, 300_000, ascii("BusyBox"), BUSYBOX, 64));
        assertEquals(300_000, taken(in, file));
    }

    static Map<String, FoundPackage> byPurl(Catalog c) {
        Map<String, FoundPackage> m = new java.util.TreeMap<>();
        for (FoundPackage p : c.packages()) {
            m.put(p.purl() == null ? p.bomRef() : p.purl(), p);
        }
        return m;
    }

    static byte[] busybox(String version) {
        return concat(filler(100_000, 5),
                ascii("\0BusyBox v" + version + " (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\0"),
                filler(50_000, 6));
    }

    @Test
    void busyboxWithoutAPackageManagerIsAComponentWithPurlCpeClassifierAndPath() throws IOException {
        FakeImage image = new FakeImage().executable("bin/busybox", busybox("1.35.0")).symlink("bin/sh", "busybox")
                .executable("bin/other", filler(5000, 9));
        Catalog catalog = new BuiltinCataloger().catalog(image);
        FoundPackage p = byPurl(catalog).get("pkg:generic/busybox@1.35.0");
        assertNotNull(p, catalog.packages().toString());
        assertEquals(1, catalog.packages().size(), catalog.packages().toString());
        assertEquals("busybox", p.name());
        assertEquals("1.35.0", p.version());
        assertEquals("cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*", p.cpe());
        assertEquals(List.of("busybox-binary"), p.property(SbomProperties.CLASSIFIER));
        assertEquals(List.of("binary"), p.property(SbomProperties.CATALOGER));
        assertEquals(List.of("/bin/busybox"), p.property(SbomProperties.PATH));
    }

    @Test
    void aHardLinkNamedBusyboxIsReadThroughTheFileItIsLinkedTo() throws IOException {
        // Docker Hub's busybox stores the binary once, as bin/[, and every applet (bin/busybox too) as a hard link to it
        FakeImage image = new FakeImage().executable("bin/[", busybox("1.36.1")).hardlink("bin/[[", "bin/[")
                .hardlink("bin/busybox", "bin/[").hardlink("bin/ls", "bin/[").shuffled(3);
        Catalog catalog = new BuiltinCataloger().catalog(image);
        FoundPackage p = byPurl(catalog).get("pkg:generic/busybox@1.36.1");
        assertNotNull(p, catalog.packages().toString());
        assertEquals(List.of("/bin/busybox"), p.property(SbomProperties.PATH));
    }

    @Test
    void pythonAndNodeByTheirVersionStrings() throws IOException {
        FakeImage image = new FakeImage()
                .executable("usr/local/bin/python3.12",
                        concat(filler(70_000, 1), ascii("\0" + "3.12.7\0"), filler(10, 2)))
                .executable("usr/lib/x86_64-linux-gnu/libpython3.12.so.1.0", concat(ascii("x\0" + "3.12.7\0")))
                .file("usr/lib/x86_64-linux-gnu/libnode.so.108",
                        concat(filler(200_000, 3), ascii("node.js/v18.20.4 "), filler(9, 4)))
                .executable("usr/bin/node", filler(26_000, 5))
                .symlink("usr/bin/python3", "python3.12");
        Map<String, FoundPackage> found = byPurl(new BuiltinCataloger().catalog(image));
        FoundPackage python = found.get("pkg:generic/python@3.12.7");
        assertNotNull(python, found.toString());
        // one interpreter, found in the binary and its library: one component, both places
        assertEquals(List.of("/usr/lib/x86_64-linux-gnu/libpython3.12.so.1.0", "/usr/local/bin/python3.12"),
                python.property(SbomProperties.PATH));
        assertEquals("cpe:2.3:a:python_software_foundation:python:3.12.7:*:*:*:*:*:*:*", python.cpe());
        FoundPackage node = found.get("pkg:generic/node@18.20.4");
        assertNotNull(node, found.toString());
        assertEquals(List.of("node-binary-lib"), node.property(SbomProperties.CLASSIFIER));
        assertEquals("cpe:2.3:a:nodejs:node.js:18.20.4:*:*:*:*:*:*:*", node.cpe());
        assertEquals(2, found.size(), found.toString());
    }

    static final String BUSYBOX_STATUS = """
            Package: busybox-static
            Status: install ok installed
            Architecture: amd64
            Source: busybox
            Version: 1:1.35.0-4+deb12u1

            Package: openjdk-17-jre-headless
            Status: install ok installed
            Architecture: amd64
            Source: openjdk-17
            Version: 17.0.19+10-1~deb12u2
            """;

    /** A merged-/usr Debian image: dpkg lists /bin/busybox, the file is at usr/bin/busybox. */
    static FakeImage debianWithBusyboxAndJre(String release) {
        return new FakeImage()
                .file("usr/lib/os-release", FakeImage.osRelease("debian", "12", "bookworm"))
                .symlink("bin", "usr/bin")
                .symlink("usr/lib/jvm/java-1.17.0-openjdk-amd64", "java-17-openjdk-amd64")
                .file("var/lib/dpkg/status", BUSYBOX_STATUS)
                .file("var/lib/dpkg/info/busybox-static.list",
                        "/.\n/bin\n/bin/busybox\n/usr/share/doc/busybox-static\n")
                .file("var/lib/dpkg/info/openjdk-17-jre-headless:amd64.list",
                        "/.\n/usr/lib/jvm/java-17-openjdk-amd64/release\n/usr/lib/jvm/java-17-openjdk-amd64/bin/java\n")
                .executable("usr/bin/busybox", busybox("1.35.0"))
                .file("usr/lib/jvm/java-17-openjdk-amd64/release", release)
                // a copy no package installed stays a component of its own
                .executable("opt/tools/busybox", busybox("1.36.1"))
                .shuffled(11);
    }

    static final String DEBIAN_RELEASE = """
            IMPLEMENTOR="Debian"
            JAVA_RUNTIME_VERSION="17.0.19+10-1-deb12u2-Debian"
            JAVA_VERSION="17.0.19"
            JAVA_VERSION_DATE="2026-04-21"
            LIBC="gnu"
            MODULES="java.base java.logging"
            OS_ARCH="x86_64"
            OS_NAME="Linux"
            SOURCE=""
            """;

    @Test
    void whatDpkgInstalledStaysOneComponentAndCarriesTheFinding() throws IOException {
        Catalog catalog = new BuiltinCataloger().catalog(debianWithBusyboxAndJre(DEBIAN_RELEASE));
        Map<String, FoundPackage> found = byPurl(catalog);
        assertEquals(List.of("pkg:deb/debian/busybox-static@1%3A1.35.0-4%2Bdeb12u1?arch=amd64&distro=debian-12",
                "pkg:deb/debian/openjdk-17-jre-headless@17.0.19%2B10-1~deb12u2?arch=amd64&distro=debian-12",
                "pkg:generic/busybox@1.36.1"),
                List.copyOf(found.keySet()));
        FoundPackage busybox = found
                .get("pkg:deb/debian/busybox-static@1%3A1.35.0-4%2Bdeb12u1?arch=amd64&distro=debian-12");
        assertEquals(List.of("pkg:generic/busybox@1.35.0 /usr/bin/busybox"),
                busybox.property(SbomProperties.CLASSIFIED));
        assertEquals(List.of("busybox-binary"), busybox.property(SbomProperties.CLASSIFIER));
        assertEquals(List.of("/var/lib/dpkg/status"), busybox.property(SbomProperties.PATH),
                "the deb's own path stays");
        FoundPackage jre = found
                .get("pkg:deb/debian/openjdk-17-jre-headless@17.0.19%2B10-1~deb12u2?arch=amd64&distro=debian-12");
        assertEquals(List.of(
                "pkg:generic/oracle/openjdk@17.0.19%2B10-1-deb12u2-Debian /usr/lib/jvm/java-17-openjdk-amd64/release"),
                jre.property(SbomProperties.CLASSIFIED));
        assertEquals(List.of("jvm-release"), jre.property(SbomProperties.CLASSIFIER));
        assertEquals(List.of("17.0.19"), jre.property(SbomProperties.JVM_JAVA_VERSION));
        assertEquals(List.of("Debian"), jre.property(SbomProperties.JVM_IMPLEMENTOR));
        assertEquals(List.of("/opt/tools/busybox"),
                found.get("pkg:generic/busybox@1.36.1").property(SbomProperties.PATH));
    }

    @Test
    void aJvmNoPackageInstalledIsAComponentNamedAsNvdNamesIt() throws IOException {
        // the release file of the JDK running this test: a real one, whose values the JVM itself reports
        Path release = Path.of(System.getProperty("java.home"), "release");
        assumeTrue(Files.isRegularFile(release), "this JDK has no release file");
        byte[] text = Files.readAllBytes(release);
        Map<String, String> fields = JvmReleaseCataloger.parse(new ByteArrayInputStream(text));
        Catalog catalog = new BuiltinCataloger().catalog(new FakeImage().file("opt/java/openjdk/release", text)
                .executable("opt/java/openjdk/bin/javac", filler(2000, 1)));
        assertEquals(1, catalog.packages().size(), catalog.packages().toString());
        FoundPackage jvm = catalog.packages().get(0);
        assertEquals(System.getProperty("java.runtime.version"), jvm.version(),
                "JAVA_RUNTIME_VERSION is the JVM's own");
        assertEquals(List.of(System.getProperty("java.version")), jvm.property(SbomProperties.JVM_JAVA_VERSION));
        assertEquals(List.of(System.getProperty("java.vendor")), jvm.property(SbomProperties.JVM_IMPLEMENTOR));
        assertEquals(List.of("/opt/java/openjdk/release"), jvm.property(SbomProperties.PATH));
        assertEquals(List.of("jvm"), jvm.property(SbomProperties.CATALOGER));
        String product = jvm.name();
        assertTrue(
                jvm.purl().startsWith(
                        "pkg:generic/" + (product.equals("zulu") ? "azul" : "oracle") + "/" + product + "@"),
                jvm.purl());
        String feature = System.getProperty("java.version").split("[+-]")[0];
        assertTrue(jvm.cpe().contains(":" + product + ":" + feature + ":"), jvm.cpe() + " " + fields);
    }

    @Test
    void legacyAndOracleJvmNames() {
        FoundPackage temurin8 = JvmReleaseCataloger.component("opt/java/openjdk/release",
                Map.of("IMPLEMENTOR", "Eclipse Adoptium",
                        "JAVA_VERSION", "1.8.0_422", "FULL_VERSION", "1.8.0_422-b05", "SOURCE_REPO",
                        "https://github.com/adoptium/jdk8u.git"),
                false);
        assertEquals("1.8.0_422-b05", temurin8.version());
        assertEquals(
                "pkg:generic/oracle/openjdk@1.8.0_422-b05?repository_url=https%3A%2F%2Fgithub.com%2Fadoptium%2Fjdk8u.git",
                temurin8.purl());
        assertEquals("cpe:2.3:a:oracle:openjdk:1.8.0:update422:*:*:*:*:*:*", temurin8.cpe());
        FoundPackage oracleJre = JvmReleaseCataloger.component("usr/java/jre/release",
                Map.of("IMPLEMENTOR", "Oracle Corporation",
                        "JAVA_VERSION", "22.0.2", "JAVA_RUNTIME_VERSION", "22.0.2+9-70", "IMAGE_TYPE", "JRE"),
                false);
        assertEquals("pkg:generic/oracle/jre@22.0.2%2B9-70", oracleJre.purl());
        assertEquals("cpe:2.3:a:oracle:jre:22.0.2:*:*:*:*:*:*:*", oracleJre.cpe());
        FoundPackage zulu = JvmReleaseCataloger.component("usr/lib/jvm/zulu17/release",
                Map.of("IMPLEMENTOR", "Azul Systems, Inc.",
                        "JAVA_VERSION", "17.0.12"),
                true);
        assertEquals("pkg:generic/azul/zulu@17.0.12", zulu.purl());
    }

    @Test
    void aFileNamedReleaseThatIsNoJvmsIsNothing() throws IOException {
        Catalog c = new BuiltinCataloger()
                .catalog(new FakeImage().file("srv/app/release", "version=3\nchannel=stable\n"));
        assertTrue(c.packages().isEmpty(), c.packages().toString());
    }

    @Test
    void goModuleLinesWithReplacements() {
        GoBuildInfo.Info info = GoBuildInfo.parseModules("go1.22.5", String.join("\n",
                "path\texample.com/app/cmd/server", "mod\texample.com/app\tv1.4.0\th1:abc=",
                "dep\tgolang.org/x/net\tv0.25.0\th1:x=", "dep\tgithub.com/old/lib\tv1.0.0",
                "=>\tgithub.com/new/lib\tv1.2.0\th1:y=",
                "dep\tgithub.com/local/thing\tv0.0.0", "=>\t../thing", "build\tCGO_ENABLED=0", ""));
        List<FoundPackage> ps = BinaryCataloger.goPackages(info, "/usr/local/bin/server");
        assertEquals(List.of("pkg:golang/stdlib@1.22.5", "pkg:golang/example.com/app@v1.4.0",
                "pkg:golang/golang.org/x/net@v0.25.0",
                "pkg:golang/github.com/new/lib@v1.2.0"), ps.stream().map(FoundPackage::purl).toList());
        assertEquals("cpe:2.3:a:golang:go:1.22.5:-:*:*:*:*:*:*", ps.get(0).cpe());
        assertEquals(List.of("example.com/app/cmd/server"), ps.get(0).property(SbomProperties.GO_MAIN_PACKAGE));
        assertEquals("1.21.0", BinaryCataloger.goVersion("go1.21.0 X:boringcrypto"));
        assertNull(BinaryCataloger.goVersion("devel go1.23-abcdef"));
    }

    @Test
    void anElfThatIsNotGoIsLeftAfterItsHeaders() throws IOException {
        // the JDK's own launcher: a real ELF from a C toolchain
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assumeTrue(Files.isRegularFile(java));
        byte[] launcher = Files.readAllBytes(java);
        ByteArrayInputStream in = new ByteArrayInputStream(launcher);
        assertNull(GoBuildInfo.read(in));
        long read = taken(in, launcher);
        assertTrue(read <= GoBuildInfo.HEAD_LIMIT, "read " + read + " bytes");
        assertNull(GoBuildInfo.read(new ByteArrayInputStream(ascii("#!/bin/sh\necho hello\n"))));
    }

    @Test
    void aRealGoBinaryGivesTheGoVersionItsToolchainReports() throws IOException {
        // the docker CLI is a Go program wherever the lab runs; its own 'docker version' names the Go that built it
        Optional<Path> docker = Executables.onPath("docker");
        assumeTrue(docker.isPresent(), "no docker CLI on the PATH");
        ProcessRunner.Result r = ProcessRunner.run(ProcessRunner.Command.of(
                List.of(docker.get().toString(), "version", "--format", "{{.Client.GoVersion}}"))
                .timeout(Duration.ofSeconds(30)));
        assumeTrue(r.exitCode() == 0 && r.stdout().trim().startsWith("go"), "docker version: " + r);
        Path binary = docker.get().toRealPath();
        try (InputStream in = Files.newInputStream(binary)) {
            GoBuildInfo.Info info = GoBuildInfo.read(in);
            assertNotNull(info, binary + " has no Go build information");
            assertEquals(r.stdout().trim(), info.goVersion());
            assertNotNull(info.mainPackage());
        }
        FakeImage image = new FakeImage().executable("usr/local/bin/docker", Files.readAllBytes(binary));
        FoundPackage stdlib = byPurl(new BuiltinCataloger().catalog(image))
                .get("pkg:golang/stdlib@" + r.stdout().trim().substring(2));
        assertNotNull(stdlib);
        assertEquals(List.of("go-buildinfo"), stdlib.property(SbomProperties.CLASSIFIER));
        assertFalse(stdlib.property(SbomProperties.GO_MAIN_PACKAGE).isEmpty());
    }
}
