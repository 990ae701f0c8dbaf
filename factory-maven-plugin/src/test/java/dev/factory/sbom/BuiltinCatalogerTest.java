package dev.factory.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.io.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltinCatalogerTest {

    static final String DPKG_STATUS = """
            Package: libc6
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 12985
            Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u7
            Description: GNU C Library: Shared libraries
             Contains the standard libraries that are used by nearly all programs on
             the system.
             Package: a continuation line, not a field

            Package: tzdata
            Status: install ok installed
            Architecture: all
            Version: 2024a-0+deb12u1
            Description: time zone and daylight-saving time data

            Package: gcc-12-base
            Status: hold ok installed
            Architecture: amd64
            Source: gcc-12 (12.2.0-14)
            Version: 12.2.0-14

            Package: old-removed
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0-1

            Package: half-installed
            Status: install reinstreq half-installed
            Architecture: amd64
            Version: 2.0-1

            Package: perl-base
            Status: install ok installed
            Architecture: amd64
            Version: 1:5.36.0-7+deb12u1
            """;

    static FakeImage debian() {
        return new FakeImage()
                .dir("etc")
                .symlink("etc/os-release", "../usr/lib/os-release")
                .file("usr/lib/os-release", FakeImage.osRelease("debian", "12", "bookworm"))
                .file("var/lib/dpkg/status", DPKG_STATUS)
                .file("var/lib/dpkg/status-old", "Package: stale\nStatus: install ok installed\nVersion: 0\n")
                .file("usr/lib/jvm/java-17/lib/modules", new byte[4096])
                .file("usr/bin/bash", new byte[1000]);
    }

    static Map<String, FoundPackage> byName(Catalog catalog) {
        return catalog.packages().stream()
                .collect(Collectors.toMap(FoundPackage::name, Function.identity(), (a, b) -> a));
    }

    @Test
    void dpkgListsInstalledPackagesWithDistroPurls() throws IOException {
        Catalog catalog = new BuiltinCataloger().catalog(debian().shuffled(7));
        assertEquals(new Distro("debian", "12", "bookworm", "debian 12"), catalog.distro());
        Map<String, FoundPackage> p = byName(catalog);
        assertEquals(Set.of("libc6", "tzdata", "gcc-12-base", "perl-base"), p.keySet(),
                "config-files and half-installed packages are not installed; status-old is not the database");
        assertEquals("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12", p.get("libc6").purl());
        assertEquals("pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12", p.get("tzdata").purl());
        assertEquals("1:5.36.0-7+deb12u1", p.get("perl-base").version(), "the epoch is part of dpkg's version");
        assertEquals(List.of("glibc"), p.get("libc6").property(SbomProperties.DEB_SOURCE));
        assertEquals(List.of("gcc-12 (12.2.0-14)"), p.get("gcc-12-base").property(SbomProperties.DEB_SOURCE));
        assertEquals(List.of("all"), p.get("tzdata").property(SbomProperties.DEB_ARCHITECTURE));
        assertEquals(List.of("/var/lib/dpkg/status"), p.get("libc6").property(SbomProperties.PATH));
        assertEquals(List.of("dpkg"), p.get("libc6").property(SbomProperties.CATALOGER));
    }

    @Test
    void filesNoCatalogerWantsAreNeverRead() throws IOException {
        FakeImage image = debian();
        new BuiltinCataloger().catalog(image);
        assertEquals(Set.of("usr/lib/os-release", "var/lib/dpkg/status"), image.readPaths());
    }

    @Test
    void distrolessStatusDirectoryAndPlainOsRelease() throws IOException {
        FakeImage image = new FakeImage()
                .file("etc/os-release", FakeImage.osRelease("debian", "12", "bookworm"))
                .file("usr/lib/os-release", FakeImage.osRelease("debian", "11", "bullseye"))
                .file("var/lib/dpkg/status.d/base-files",
                        "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n")
                .file("var/lib/dpkg/status.d/base-files.md5sums", "abc  etc/debian_version\n")
                .file("var/lib/dpkg/status.d/libssl3",
                        "Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n"
                                + "Source: openssl\n");
        Catalog catalog = new BuiltinCataloger().catalog(image);
        assertEquals("12", catalog.distro().versionId(), "a regular etc/os-release wins over usr/lib/os-release");
        assertEquals(List.of("pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12",
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"),
                catalog.packages().stream().map(FoundPackage::purl).toList());
        assertEquals(List.of("/var/lib/dpkg/status.d/libssl3"),
                byName(catalog).get("libssl3").property(SbomProperties.PATH));
    }

    @Test
    void absoluteOsReleaseSymlinkAndTestingWithoutVersionId() throws IOException {
        FakeImage image = new FakeImage()
                .symlink("etc/os-release", "/usr/lib/os-release")
                .file("usr/lib/os-release", FakeImage.osRelease("debian", null, "trixie"))
                .file("var/lib/dpkg/status",
                        "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.37-1\n");
        Catalog catalog = new BuiltinCataloger().catalog(image);
        assertEquals("pkg:deb/debian/bash@5.2.37-1?arch=amd64&distro=debian-trixie", catalog.packages().get(0).purl());
    }

    @Test
    void noOsReleaseStillGivesDebianPurlsWithoutDistro() throws IOException {
        FakeImage image = new FakeImage()
                .file("var/lib/dpkg/status",
                        "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2\n");
        Catalog catalog = new BuiltinCataloger().catalog(image);
        assertNull(catalog.distro());
        assertEquals("pkg:deb/debian/bash@5.2?arch=amd64", catalog.packages().get(0).purl());
    }

    @Test
    void apkInstalledDatabase() throws IOException {
        String db = """
                C:Q1abc=
                P:musl
                V:1.2.4_git20230717-r4
                A:x86_64
                S:383152
                T:the musl c library (libc) implementation
                U:https://musl.libc.org/
                L:MIT
                o:musl
                F:lib
                R:ld-musl-x86_64.so.1

                P:busybox
                V:1.36.1-r15
                A:x86_64
                L:GPL-2.0-only
                o:busybox
                p:cmd:busybox=1.36.1-r15
                """;
        FakeImage image = new FakeImage()
                .file("etc/os-release", FakeImage.osRelease("alpine", "3.19.1", null))
                .file("lib/apk/db/installed", db);
        Catalog catalog = new BuiltinCataloger().catalog(image);
        Map<String, FoundPackage> p = byName(catalog);
        assertEquals(Set.of("musl", "busybox"), p.keySet());
        assertEquals("pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1", p.get("musl").purl());
        assertEquals(Set.of("GPL-2.0-only"), p.get("busybox").licenses());
        assertEquals(List.of("busybox"), p.get("busybox").property(SbomProperties.APK_ORIGIN));
    }

    @ParameterizedTest(name = "archives up to {0} bytes in memory")
    @ValueSource(longs = {JavaArchiveCataloger.IN_MEMORY_LIMIT, 0})
    void javaArchivesPomPropertiesShadedNestedAndManifestFallback(long inMemoryLimit) throws IOException {
        byte[] plain = new FakeImage.Zip().manifest("Created-By", "Maven").pom("org.slf4j", "slf4j-api", "2.0.9")
                .entry("org/slf4j/Logger.class", "x").bytes();
        byte[] shaded = new FakeImage.Zip().pom("com.example", "uber", "1.0")
                .pom("com.google.guava", "guava", "32.1.3-jre")
                .bytes();
        byte[] bundleOnly = new FakeImage.Zip()
                .manifest("Bundle-SymbolicName", "com.fasterxml.jackson.core.jackson-core;singleton:=true",
                        "Implementation-Vendor-Id", "com.fasterxml.jackson.core", "Bundle-Version", "2.15.2")
                .bytes();
        byte[] asm = new FakeImage.Zip()
                .manifest("Bundle-SymbolicName", "org.objectweb.asm", "Implementation-Version", "9.9").bytes();
        byte[] titleOnly = new FakeImage.Zip().manifest("Implementation-Title", "Java Runtime Environment",
                "Implementation-Version", "17.0.15").bytes();
        byte[] fat = new FakeImage.Zip().manifest("Main-Class", "org.springframework.boot.loader.launch.JarLauncher")
                .pom("com.acme", "orders-api", "1.4.0")
                .entry("BOOT-INF/classes/com/acme/App.class", "x")
                .nested("BOOT-INF/lib/slf4j-api-2.0.9.jar", new FakeImage.Zip().pom("org.slf4j", "slf4j-api", "2.0.9"))
                .nested("BOOT-INF/lib/jackson-core-2.15.2.jar", new FakeImage.Zip().manifest("Bundle-SymbolicName",
                        "com.fasterxml.jackson.core.jackson-core", "Implementation-Vendor-Id",
                        "com.fasterxml.jackson.core"))
                .nested("BOOT-INF/lib/mystery-3.1.jar", new FakeImage.Zip().manifest("Implementation-Title", "Mystery"))
                .bytes();
        FakeImage image = new FakeImage()
                .file("usr/share/java/slf4j-api-2.0.9.jar", plain)
                .file("opt/app/lib/slf4j-api.jar", plain)
                .file("opt/uber/uber-1.0.jar", shaded)
                .file("opt/bundles/jackson-core.jar", bundleOnly)
                .file("usr/lib/jvm/java-17/lib/jrt-fs.jar", titleOnly)
                .file("opt/asm-9.9.jar", asm)
                .file("root/.m2/repository/org/ow2/asm/asm/9.9/asm-9.9.jar", asm)
                .file("app/app.jar", fat)
                .file("opt/broken.JAR", "this is not a zip");
        Catalog catalog = new BuiltinCataloger(inMemoryLimit).catalog(image.shuffled(3));

        List<String> purls = catalog.packages().stream().map(FoundPackage::purl).toList();
        assertEquals(List.of(
                "pkg:maven/com.acme/orders-api@1.4.0",
                "pkg:maven/com.example/uber@1.0",
                "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.15.2",
                "pkg:maven/com.google.guava/guava@32.1.3-jre",
                "pkg:maven/org.ow2.asm/asm@9.9",
                "pkg:maven/org.slf4j/slf4j-api@2.0.9"), purls.subList(0, 6));
        Map<String, FoundPackage> p = catalog.packages().stream()
                .collect(Collectors.toMap(FoundPackage::bomRef, Function.identity()));

        FoundPackage slf4j = p.get("pkg:maven/org.slf4j/slf4j-api@2.0.9");
        assertEquals(List.of("/app/app.jar!/BOOT-INF/lib/slf4j-api-2.0.9.jar", "/opt/app/lib/slf4j-api.jar",
                "/usr/share/java/slf4j-api-2.0.9.jar"), slf4j.property(SbomProperties.PATH),
                "one component, every place it is");
        assertNull(slf4j.sha256(), "the nested copy is a different file from the two plain ones");
        assertEquals("org.slf4j", slf4j.group());

        assertEquals(Hashing.sha256(fat), p.get("pkg:maven/com.acme/orders-api@1.4.0").sha256());
        assertNull(p.get("pkg:maven/com.example/uber@1.0").sha256(),
                "a shaded jar is several artifacts: no one owns the hash");
        assertEquals(List.of("/app/app.jar!/BOOT-INF/lib/jackson-core-2.15.2.jar", "/opt/bundles/jackson-core.jar"),
                p.get("pkg:maven/com.fasterxml.jackson.core/jackson-core@2.15.2").property(SbomProperties.PATH));

        List<FoundPackage> noPurl = catalog.packages().stream().filter(x -> x.purl() == null).toList();
        assertEquals(List.of("asm", "jrt-fs", "mystery"), noPurl.stream().map(FoundPackage::name).toList(),
                "without a certain group there is no purl (a lone Bundle-SymbolicName is not enough: ASM's would give the "
                        + "wrong group), but the jar is still listed; purl-less components sort last");
        assertEquals(List.of("/opt/asm-9.9.jar"), noPurl.get(0).property(SbomProperties.PATH));
        assertEquals("9.9", noPurl.get(0).version());
        FoundPackage jrt = noPurl.get(1);
        assertEquals("17.0.15", jrt.version());
        assertEquals(List.of("Java Runtime Environment"), jrt.property(SbomProperties.JAVA_TITLE));
        assertEquals(Hashing.sha256(titleOnly), jrt.sha256());
        assertEquals("3.1", noPurl.get(2).version());
        assertEquals("dev.factory:java/mystery@3.1?path=/app/app.jar!/BOOT-INF/lib/mystery-3.1.jar",
                noPurl.get(2).bomRef());

        assertEquals(1, catalog.warnings().size());
        assertTrue(catalog.warnings().get(0).startsWith("Skipped /opt/broken.JAR"), catalog.warnings().get(0));
    }

    @Test
    void executableJarWithALaunchScriptInFront() throws IOException {
        byte[] jar = new FakeImage.Zip().pom("com.acme", "svc", "2.0").nested("BOOT-INF/lib/slf4j-api-2.0.9.jar",
                new FakeImage.Zip().pom("org.slf4j", "slf4j-api", "2.0.9")).bytes();
        byte[] script = "#!/bin/bash\nexec java -jar \"$0\" \"$@\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] executable = new byte[script.length + jar.length];
        System.arraycopy(script, 0, executable, 0, script.length);
        System.arraycopy(jar, 0, executable, script.length, jar.length);
        Catalog catalog = new BuiltinCataloger().catalog(new FakeImage().file("opt/svc.jar", executable));
        assertEquals(List.of("pkg:maven/com.acme/svc@2.0", "pkg:maven/org.slf4j/slf4j-api@2.0.9"),
                catalog.packages().stream().map(FoundPackage::purl).toList());
        assertEquals(Hashing.sha256(executable), catalog.packages().get(0).sha256());
        Catalog streamed = new BuiltinCataloger(0).catalog(new FakeImage().file("opt/svc.jar", executable));
        assertEquals(List.of(), streamed.packages(), "a stream cannot get past the script");
        assertTrue(streamed.warnings().get(0).contains("launch script"), streamed.warnings().toString());
    }

    /** Runs Info-ZIP's {@code zip} in {@code dir} (the writer of these fixtures is not Factory's nor the JDK's). */
    private static void zip(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("zip", "-q", "-X"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    /**
     * Archives made by {@code zip}: a ZIP64 one (its central directory in ZIP64 records) with a stored nested jar, the
     * same with a launch script in front (offsets as written, and adjusted with {@code zip -A}).
     */
    @Test
    void zip64ArchivesFromInfoZipAndLaunchScripts(@TempDir Path dir) throws IOException, InterruptedException {
        Path inner = Files.createDirectories(dir.resolve("inner/META-INF/maven/org.slf4j/slf4j-api"));
        Files.write(inner.resolve("pom.properties"), FakeImage.pomProperties("org.slf4j", "slf4j-api", "2.0.9"));
        zip(dir.resolve("inner"), "-r", "../slf4j-api-2.0.9.jar", "META-INF");
        Path outer = Files.createDirectories(dir.resolve("outer/META-INF/maven/com.acme/svc"));
        Files.write(outer.resolve("pom.properties"), FakeImage.pomProperties("com.acme", "svc", "2.0"));
        Files.createDirectories(dir.resolve("outer/BOOT-INF/lib"));
        Files.copy(dir.resolve("slf4j-api-2.0.9.jar"), dir.resolve("outer/BOOT-INF/lib/slf4j-api-2.0.9.jar"));
        // the nested jar stored (zip -0), as Spring Boot stores them; the ZIP64 one (-fz) says so in every record
        zip(dir.resolve("outer"), "-fz", "-r", "../svc64.jar", "META-INF");
        zip(dir.resolve("outer"), "-fz", "-0", "../svc64.jar", "BOOT-INF/lib/slf4j-api-2.0.9.jar");
        zip(dir.resolve("outer"), "-r", "../svc.jar", "META-INF");
        zip(dir.resolve("outer"), "-0", "../svc.jar", "BOOT-INF/lib/slf4j-api-2.0.9.jar");
        byte[] zip64 = Files.readAllBytes(dir.resolve("svc64.jar"));
        List<String> both = List.of("pkg:maven/com.acme/svc@2.0", "pkg:maven/org.slf4j/slf4j-api@2.0.9");
        for (long limit : new long[]{JavaArchiveCataloger.IN_MEMORY_LIMIT, 0}) {
            Catalog catalog = new BuiltinCataloger(limit).catalog(new FakeImage().file("app/svc.jar", zip64));
            assertEquals(both, catalog.packages().stream().map(FoundPackage::purl).toList(), "limit " + limit);
        }
        // a launch script in front: offsets as written (Spring Boot's executable jars), or corrected by zip -A
        byte[] script = "#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] plain = Files.readAllBytes(dir.resolve("svc.jar"));
        Files.write(dir.resolve("adjusted.jar"), concat(script, plain));
        zip(dir, "-A", "adjusted.jar");
        for (byte[] launchable : List.of(concat(script, plain), Files.readAllBytes(dir.resolve("adjusted.jar")))) {
            Catalog catalog = new BuiltinCataloger().catalog(new FakeImage().file("opt/svc.jar", launchable));
            assertEquals(both, catalog.packages().stream().map(FoundPackage::purl).toList());
            assertEquals(Hashing.sha256(launchable), catalog.packages().get(0).sha256());
        }
        // a ZIP64 archive with unadjusted offsets behind a script is out of reach (Commons Compress, like ZipIndex
        // before it, does not correct ZIP64 offsets), and says so
        Catalog script64 = new BuiltinCataloger().catalog(new FakeImage().file("opt/svc64.jar", concat(script, zip64)));
        assertEquals(List.of(), script64.packages());
        assertTrue(script64.warnings().get(0).contains("launch script"), script64.warnings().toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "archives up to {0} bytes in memory")
    @ValueSource(longs = {JavaArchiveCataloger.IN_MEMORY_LIMIT, 0})
    void deflatedNestedArchivesAreReadToo(long inMemoryLimit) throws IOException {
        byte[] war = new FakeImage.Zip().pom("com.acme", "web", "1.0")
                .entry("WEB-INF/lib/slf4j-api-2.0.9.jar",
                        new FakeImage.Zip().pom("org.slf4j", "slf4j-api", "2.0.9").bytes(), false)
                .bytes();
        Catalog catalog = new BuiltinCataloger(inMemoryLimit).catalog(new FakeImage().file("srv/web.war", war));
        assertEquals(List.of("pkg:maven/com.acme/web@1.0", "pkg:maven/org.slf4j/slf4j-api@2.0.9"),
                catalog.packages().stream().map(FoundPackage::purl).toList());
    }

    @ParameterizedTest(name = "archives up to {0} bytes in memory")
    @ValueSource(longs = {JavaArchiveCataloger.IN_MEMORY_LIMIT, 0})
    void aMalformedPomPropertiesSkipsOnlyItsArchive(long inMemoryLimit) throws IOException {
        byte[] bad = new FakeImage.Zip().entry("META-INF/maven/g/a/pom.properties", "version=\\uZZZZ\n").bytes();
        byte[] good = new FakeImage.Zip().pom("g", "good", "1").bytes();
        Catalog catalog = new BuiltinCataloger(inMemoryLimit)
                .catalog(new FakeImage().file("a.jar", bad).file("b.jar", good));
        assertEquals(List.of("pkg:maven/g/good@1"), catalog.packages().stream().map(FoundPackage::purl).toList());
        assertTrue(catalog.warnings().get(0).startsWith("Skipped /a.jar"), catalog.warnings().toString());
    }

    @Test
    void nestingStopsAtTheDepthLimit() throws IOException {
        FakeImage.Zip inner = new FakeImage.Zip().pom("g", "level" + (JavaArchiveCataloger.MAX_DEPTH + 1), "1");
        for (int depth = JavaArchiveCataloger.MAX_DEPTH; depth >= 1; depth--) {
            inner = new FakeImage.Zip().pom("g", "level" + depth, "1").nested("lib/inner.jar", inner);
        }
        FakeImage image = new FakeImage().file("outer.ear", new FakeImage.Zip().pom("g", "level0", "1")
                .nested("lib/inner.jar", inner).bytes());
        List<String> names = new BuiltinCataloger().catalog(image).packages().stream().map(FoundPackage::name).toList();
        assertEquals(List.of("level0", "level1", "level2", "level3"), names);
    }

    @Test
    void pythonDistributions() throws IOException {
        FakeImage image = new FakeImage()
                .file("usr/lib/python3/dist-packages/Typing_Extensions-4.9.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: Typing_Extensions\nVersion: 4.9.0\nLicense: PSF\n\nName: body text\n")
                .file("usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO",
                        "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n")
                .file("usr/lib/python3/dist-packages/chardet-5.1.0.egg-info",
                        "Metadata-Version: 1.1\nName: chardet\nVersion: 5.1.0\n")
                .file("usr/lib/python3/dist-packages/broken-1.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: broken\n");
        Map<String, FoundPackage> p = byName(new BuiltinCataloger().catalog(image));
        assertEquals(Set.of("Typing_Extensions", "six", "chardet"), p.keySet());
        assertEquals("pkg:pypi/typing-extensions@4.9.0", p.get("Typing_Extensions").purl());
        assertEquals(List.of("/usr/lib/python3/dist-packages/Typing_Extensions-4.9.0.dist-info"),
                p.get("Typing_Extensions").property(SbomProperties.PATH));
        assertEquals(List.of("/usr/lib/python3/dist-packages/chardet-5.1.0.egg-info"),
                p.get("chardet").property(SbomProperties.PATH));
    }

    @Test
    void npmPackageRootsOnly() throws IOException {
        FakeImage image = new FakeImage()
                .file("app/package.json", "{\"name\":\"my-app\",\"version\":\"1.0.0\"}")
                .file("app/node_modules/express/package.json",
                        "{\"name\":\"express\",\"version\":\"4.18.2\",\"license\":\"MIT\"}")
                .file("app/node_modules/express/lib/package.json",
                        "{\"type\":\"module\",\"name\":\"x\",\"version\":\"0\"}")
                .file("app/node_modules/@angular/core/package.json",
                        "{\"name\":\"@angular/core\",\"version\":\"17.0.1\"}")
                .file("app/node_modules/@angular/core/node_modules/tslib/package.json",
                        "{\"name\":\"tslib\",\"version\":\"2.6.2\"}")
                .file("app/node_modules/.bin/package.json", "{\"name\":\"nope\",\"version\":\"1\"}")
                .file("app/node_modules/nameless/package.json", "{\"version\":\"1\"}")
                .file("app/node_modules/garbled/package.json", "{not json");
        Catalog catalog = new BuiltinCataloger().catalog(image);
        assertEquals(List.of("pkg:npm/%40angular/core@17.0.1", "pkg:npm/express@4.18.2", "pkg:npm/tslib@2.6.2"),
                catalog.packages().stream().map(FoundPackage::purl).toList());
        FoundPackage angular = catalog.packages().get(0);
        assertEquals("@angular", angular.group());
        assertEquals("core", angular.name());
        assertEquals(Set.of("MIT"), byName(catalog).get("express").licenses());
        assertEquals(1, catalog.warnings().size());
        assertTrue(catalog.warnings().get(0).contains("garbled"));
    }

    @Test
    void fileNameSplitting() {
        assertEquals(List.of("commons-lang3", "3.12.0"),
                List.of(JavaArchiveCataloger.splitNameVersion("commons-lang3-3.12.0")));
        assertEquals(List.of("log4j-1.2-api", "2.20.0"),
                List.of(JavaArchiveCataloger.splitNameVersion("log4j-1.2-api-2.20.0")));
        assertEquals(List.of("netty-codec-http2", "4.1.100.Final"),
                List.of(JavaArchiveCataloger.splitNameVersion("netty-codec-http2-4.1.100.Final")));
        assertEquals(List.of("guava", "32.1.3-jre"),
                List.of(JavaArchiveCataloger.splitNameVersion("guava-32.1.3-jre")));
        assertEquals(List.of("bcprov-jdk18on", "1.77"),
                List.of(JavaArchiveCataloger.splitNameVersion("bcprov-jdk18on-1.77")));
        String[] none = JavaArchiveCataloger.splitNameVersion("jrt-fs");
        assertEquals("jrt-fs", none[0]);
        assertNull(none[1]);
        assertFalse(JavaArchiveCataloger.isArchive("jar"));
        assertTrue(JavaArchiveCataloger.isArchive("a/b.War"));
    }

    @Test
    void groupFromAMavenRepositoryLayout() {
        assertEquals("org.ow2.asm", JavaArchiveCataloger
                .repositoryGroup("/root/.m2/repository/org/ow2/asm/asm/9.9/asm-9.9.jar", "asm", "9.9"));
        assertNull(JavaArchiveCataloger.repositoryGroup("/repository/asm/9.9/asm-9.9.jar", "asm", "9.9"));
        assertNull(JavaArchiveCataloger.repositoryGroup("/opt/lib/asm/9.9/asm-9.9.jar", "asm", "9.9"));
        assertNull(JavaArchiveCataloger.repositoryGroup("/r/repository/org/ow2/asm/asm/9.9/asm-9.9.jar!/x/asm-9.9.jar",
                "asm", "9.9"));
    }

    @Test
    void symlinkResolution() {
        assertEquals("usr/lib/os-release", BuiltinCataloger.resolve("etc/", "../usr/lib/os-release"));
        assertEquals("usr/lib/os-release", BuiltinCataloger.resolve("etc/", "/usr/lib/os-release"));
        assertEquals("etc/os-release.d/x", BuiltinCataloger.resolve("etc/", "./os-release.d/x"));
        assertEquals("etc/x", BuiltinCataloger.normalize("./etc/x"));
        assertEquals("etc/x", BuiltinCataloger.normalize("/etc/x"));
    }
}
