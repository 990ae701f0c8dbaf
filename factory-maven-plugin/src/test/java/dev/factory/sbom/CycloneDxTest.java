package dev.factory.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class CycloneDxTest {
    static final Instant TIME = Instant.parse("2026-11-25T00:00:00Z");
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final ImageTarget TARGET = new ImageTarget("orders-api", "linux/amd64", "localhost:5000/factory/orders-api",
            "1.4.0", "localhost:5000/factory/orders-api:1.4.0-linux-amd64", DIGEST, true);

    static FakeImage image() {
        byte[] jar = new FakeImage.Zip().pom("com.acme", "orders-api", "1.4.0")
                .nested("BOOT-INF/lib/slf4j-api-2.0.9.jar", new FakeImage.Zip().pom("org.slf4j", "slf4j-api", "2.0.9"))
                .nested("BOOT-INF/lib/jrt.jar", new FakeImage.Zip().manifest("Implementation-Version", "1"))
                .bytes();
        return BuiltinCatalogerTest.debian()
                .file("app/app.jar", jar)
                .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r4\nA:x86_64\nL:MIT AND BSD-2-Clause\n")
                .file("app/node_modules/@angular/core/package.json",
                        "{\"name\":\"@angular/core\",\"version\":\"17.0.1\",\"license\":\"MIT\"}")
                .file("usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", "Name: six\nVersion: 1.16.0\n");
    }

    static byte[] sbom(FakeImage image) throws IOException {
        return CycloneDx.fromCatalog(TARGET, new BuiltinCataloger().catalog(image), TIME, "0.1.0").bytes();
    }

    @Test
    void builtinSbomIsValidCycloneDx16WithTheImageAsMetadataComponent() throws IOException {
        byte[] bytes = sbom(image());
        Files.write(Path.of("target", "sample-sbom.cdx.json"), bytes);
        assertEquals(List.of(), new JsonParser().validate(bytes, Version.VERSION_16),
                "valid by the library's own check");
        assertEquals(List.of(), CycloneDx.validate(bytes));
        JsonNode bom = Json.mapper().readTree(bytes);
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals("1.6", bom.path("specVersion").asText());
        assertTrue(bom.path("serialNumber").asText().matches("urn:uuid:[0-9a-f-]{36}"));
        JsonNode metadata = bom.path("metadata");
        assertEquals("2026-11-25T00:00:00Z", metadata.path("timestamp").asText());
        JsonNode tool = metadata.path("tools").path("components").get(0);
        assertEquals("factory-maven-plugin", tool.path("name").asText());
        assertEquals("dev.factory", tool.path("group").asText());
        assertEquals("0.1.0", tool.path("version").asText());
        JsonNode image = metadata.path("component");
        assertEquals("container", image.path("type").asText());
        assertEquals("localhost:5000/factory/orders-api", image.path("name").asText());
        assertEquals(DIGEST, image.path("version").asText());
        assertEquals("ab".repeat(32), image.path("hashes").get(0).path("content").asText());
        assertEquals("pkg:oci/orders-api@sha256%3A" + "ab".repeat(32)
                + "?arch=amd64&repository_url=localhost%3A5000%2Ffactory%2Forders-api&tag=1.4.0",
                image.path("purl").asText());
        assertEquals(image.path("purl").asText(), image.path("bom-ref").asText());

        JsonNode components = bom.path("components");
        assertEquals("operating-system", components.get(0).path("type").asText());
        assertEquals("debian", components.get(0).path("name").asText());
        List<String> purls = new ArrayList<>();
        for (JsonNode c : components) {
            if (c.has("purl")) {
                purls.add(c.path("purl").asText());
                assertEquals(c.path("purl").asText(), c.path("bom-ref").asText(), "bom-refs are the purls");
            }
        }
        List<String> sorted = new ArrayList<>(purls);
        sorted.sort(null);
        assertEquals(sorted, purls, "components are sorted by purl");
        assertTrue(purls.contains("pkg:npm/%40angular/core@17.0.1"));
        assertTrue(purls.contains("pkg:pypi/six@1.16.0"));
        assertTrue(purls.contains("pkg:apk/debian/musl@1.2.4-r4?arch=x86_64&distro=debian-12"));
        assertEquals("jrt", components.get(components.size() - 1).path("name").asText(),
                "purl-less components come last");
    }

    @Test
    void twoRunsGiveIdenticalBytesWhateverTheWalkOrder() throws IOException {
        byte[] first = sbom(image().shuffled(1));
        byte[] second = sbom(image().shuffled(99));
        assertArrayEquals(first, second);
    }

    @Test
    void serialNumberFollowsTheContentNotTheTime() throws IOException {
        Catalog catalog = new BuiltinCataloger().catalog(image());
        String a = serial(CycloneDx.fromCatalog(TARGET, catalog, TIME, "0.1.0").bytes());
        String laterRun = serial(CycloneDx.fromCatalog(TARGET, catalog, TIME.plusSeconds(3600), "0.1.0").bytes());
        assertEquals(a, laterRun);
        Catalog smaller = new BuiltinCataloger().catalog(BuiltinCatalogerTest.debian());
        assertNotEquals(a, serial(CycloneDx.fromCatalog(TARGET, smaller, TIME, "0.1.0").bytes()));
        ImageTarget otherDigest = new ImageTarget(TARGET.build(), TARGET.platform(), TARGET.image(), TARGET.tag(),
                TARGET.ref(),
                "sha256:" + "cd".repeat(32), true);
        assertNotEquals(a, serial(CycloneDx.fromCatalog(otherDigest, catalog, TIME, "0.1.0").bytes()));
    }

    @Test
    void imageWithoutDigestIsNamedByTagAndRef() throws IOException {
        ImageTarget local = new ImageTarget("b", "linux/arm64/v8", "factory/b", "dev", "factory/b:dev-linux-arm64",
                null, false);
        byte[] bytes = CycloneDx.fromCatalog(local, new BuiltinCataloger().catalog(new FakeImage()), TIME, "0.1.0")
                .bytes();
        JsonNode image = Json.mapper().readTree(bytes).path("metadata").path("component");
        assertEquals("dev", image.path("version").asText());
        assertEquals("dev.factory:image/factory/b:dev-linux-arm64", image.path("bom-ref").asText());
        assertFalse(image.has("purl"));
        assertEquals("arm64", CycloneDx.architecture("linux/arm64/v8"));
    }

    @Test
    void syftOutputIsNormalisedSortedAndStamped() throws IOException {
        String syft = """
                {
                  "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
                  "bomFormat": "CycloneDX",
                  "specVersion": "1.6",
                  "serialNumber": "urn:uuid:11111111-2222-4333-8444-555555555555",
                  "version": 1,
                  "metadata": {
                    "timestamp": "2025-01-01T10:11:12Z",
                    "tools": {"components": [{"type": "application", "author": "anchore", "name": "syft", "version": "1.18.1"}]},
                    "component": {"bom-ref": "abc123", "type": "container", "name": "localhost:5000/factory/orders-api", "version": "sha256:zzz"}
                  },
                  "components": [
                    {"bom-ref": "pkg:deb/debian/zlib1g@1.2.13?arch=amd64&package-id=f1", "type": "library", "name": "zlib1g",
                     "version": "1.2.13", "purl": "pkg:deb/debian/zlib1g@1.2.13?arch=amd64&distro=debian-12"},
                    {"bom-ref": "os-id", "type": "operating-system", "name": "debian", "version": "12"},
                    {"bom-ref": "pkg:deb/debian/bash@5.2?arch=amd64&package-id=f2", "type": "library", "name": "bash",
                     "version": "5.2", "purl": "pkg:deb/debian/bash@5.2?arch=amd64&distro=debian-12"}
                  ],
                  "dependencies": [
                    {"ref": "pkg:deb/debian/zlib1g@1.2.13?arch=amd64&package-id=f1", "dependsOn": []},
                    {"ref": "abc123", "dependsOn": ["pkg:deb/debian/zlib1g@1.2.13?arch=amd64&package-id=f1", "os-id",
                     "pkg:deb/debian/bash@5.2?arch=amd64&package-id=f2"]}
                  ]
                }
                """;
        CycloneDx.Document doc = CycloneDx.fromSyft(TARGET, syft.getBytes(StandardCharsets.UTF_8), TIME, "0.1.0");
        assertEquals(3, doc.componentCount());
        JsonNode bom = Json.mapper().readTree(doc.bytes());
        assertEquals("2026-11-25T00:00:00Z", bom.path("metadata").path("timestamp").asText());
        assertNotEquals("urn:uuid:11111111-2222-4333-8444-555555555555", bom.path("serialNumber").asText());
        assertEquals(DIGEST, bom.path("metadata").path("component").path("version").asText());
        JsonNode tools = bom.path("metadata").path("tools").path("components");
        assertEquals("factory-maven-plugin", tools.get(0).path("name").asText());
        assertEquals("syft", tools.get(1).path("name").asText());
        List<String> names = new ArrayList<>();
        bom.path("components").forEach(c -> names.add(c.path("name").asText()));
        assertEquals(List.of("bash", "zlib1g", "debian"), names);
        String imageRef = bom.path("metadata").path("component").path("bom-ref").asText();
        JsonNode deps = bom.path("dependencies");
        assertEquals(List.of("pkg:deb/debian/zlib1g@1.2.13?arch=amd64&package-id=f1", imageRef),
                List.of(deps.get(0).path("ref").asText(), deps.get(1).path("ref").asText()),
                "sorted by ref; the image's dependencies follow it to its new bom-ref");
        assertEquals("os-id", deps.get(1).path("dependsOn").get(0).asText());
        byte[] again = CycloneDx.fromSyft(TARGET, syft.getBytes(StandardCharsets.UTF_8), TIME, "0.1.0").bytes();
        assertArrayEquals(doc.bytes(), again);
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() {
        String bad = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
                + "\"components\":[{\"type\":\"gadget\",\"name\":\"x\"}]}";
        List<String> errors = CycloneDx.validate(bad.getBytes(StandardCharsets.UTF_8));
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("type"), errors.toString());
    }

    @Test
    void unreadableSyftOutputIsAnEnvironmentError() {
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> CycloneDx.fromSyft(TARGET, "no json".getBytes(StandardCharsets.UTF_8), TIME, "0.1.0"));
        assertTrue(e.getMessage().contains("factory.sbom.generator=builtin"), e.getMessage());
    }

    private static String serial(byte[] bytes) throws IOException {
        return Json.mapper().readTree(bytes).path("serialNumber").asText();
    }
}
