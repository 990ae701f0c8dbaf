package dev.factory.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.oci.Credentials;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Digests;
import dev.factory.oci.FakeRegistry;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records and SBOMs as OCI referrers of their image, with and without the registry's referrers API. */
class RegistryRecordsTest {
    private static final String AMD = "linux/amd64";

    @TempDir
    Path dir;

    /** Pushes a small image manifest and returns its digest. */
    private static String seedImage(FakeRegistry registry, String repository, String tag) {
        RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        client.pushBlob(repository, config);
        ImageManifest image = ImageManifest.oci(Descriptor.of(MediaTypes.OCI_CONFIG, Digests.of(config), config.length),
                List.of(), Map.of());
        return client.putManifest(repository, tag, image.bytes(), image.mediaType());
    }

    /** What a per-platform push with provenance leaves: an index of the image and an attestation manifest. */
    private static String[] seedIndex(FakeRegistry registry, String repository, String tag) {
        RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
        String image = seedImage(registry, repository, tag + "-image");
        byte[] imageBytes = registry.manifests.get(repository + "@" + image);
        String attestation = seedImage(registry, repository, tag + "-attestation");
        byte[] attestationBytes = registry.manifests.get(repository + "@" + attestation);
        ImageIndex index = ImageIndex.oci(List.of(
                Descriptor.of(MediaTypes.OCI_MANIFEST, image, imageBytes.length)
                        .withPlatform(Platform.parse("linux/amd64")),
                Descriptor.of(MediaTypes.OCI_MANIFEST, attestation, attestationBytes.length)
                        .withPlatform(new Platform("unknown", "unknown", null))
                        .withAnnotations(Map.of("vnd.docker.reference.type", "attestation-manifest"))),
                Map.of());
        String digest = client.putManifest(repository, tag, index.bytes(), index.mediaType());
        return new String[]{digest, image};
    }

    @Test
    void recordsOfAPushWithProvenanceHangOffThePlatformsImageManifest() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String[] digests = seedIndex(registry, "team/solo", "solo-linux-amd64");
            Fixtures f = project(registry.host(), digests[0]);
            CompatibilityRecord r = new Recorder().record(f.request(dir.resolve("records"), PushMode.AUTO, null)).get(0)
                    .record();
            assertEquals(digests[0], r.image().digest(),
                    "the record names what image.json, the tests and the SBOM name");
            assertTrue(registry.manifests.containsKey("team/solo@" + RegistryClient.referrersTagName(digests[1])),
                    "the referrers belong to the image manifest");
            assertFalse(registry.manifests.containsKey("team/solo@" + RegistryClient.referrersTagName(digests[0])));
            LoadedRecords loaded = new RegistryRecords(f.registries, f.infos::add).read(f.builds, f.output);
            assertEquals(List.of(r), loaded.records().stream().map(LoadedRecords.Loaded::record).toList());
        }
    }

    @Test
    void atDeployTheRecordOfTheTestedImageIsPushedAsItIsAndNotWrittenAgain() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String[] digests = seedIndex(registry, "team/solo", "solo-linux-amd64");
            String tested = digests[1];
            // verify: the image was loaded and tested under its manifest digest, recorded, not pushed
            Fixtures f = project(registry.host(), tested);
            f.image(f.builds.get(0), false, Fixtures.built(AMD, tested));
            Path records = dir.resolve("records");
            RecordFiles.Written atVerify = new Recorder().record(f.request(records, PushMode.AUTO, null)).get(0);
            assertFalse(registry.manifests.containsKey("team/solo@" + RegistryClient.referrersTagName(tested)));

            // deploy: publish pushed the same image; image.json now names the per-platform index around it
            f.image(f.builds.get(0), true, Fixtures.built(AMD, digests[0]));
            f.attached.clear();
            List<RecordFiles.Written> atDeploy = new Recorder().record(f.request(records, PushMode.AUTO, null));

            assertEquals(List.of(), atDeploy, "no second record of the same test run");
            assertEquals(List.of(), f.attached);
            try (var files = Files.walk(records)) {
                assertEquals(1, files.filter(Files::isRegularFile).count());
            }
            byte[] tag = registry.manifests.get("team/solo@" + RegistryClient.referrersTagName(tested));
            assertNotNull(tag, "the record went to the registry as a referrer of the tested image manifest");
            LoadedRecords loaded = new RegistryRecords(f.registries, f.infos::add).read(f.builds, f.output);
            assertEquals(List.of(atVerify.record()),
                    loaded.records().stream().map(LoadedRecords.Loaded::record).toList());
            assertTrue(
                    f.infos.stream()
                            .anyMatch(i -> i.contains(
                                    "the image was published since it was recorded, and it is the image tested")),
                    f.infos.toString());
        }
    }

    @Test
    void atDeployAnImageThatIsNotTheOneTestedGetsNoRecord() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String[] digests = seedIndex(registry, "team/solo", "solo-linux-amd64");
            Fixtures f = project(registry.host(), Fixtures.digest('e'));
            f.image(f.builds.get(0), false, Fixtures.built(AMD, Fixtures.digest('e')));
            Path records = dir.resolve("records");
            new Recorder().record(f.request(records, PushMode.AUTO, null));
            f.image(f.builds.get(0), true, Fixtures.built(AMD, digests[0]));

            assertEquals(List.of(), new Recorder().record(f.request(records, PushMode.AUTO, null)));
            assertTrue(f.warnings.stream().anyMatch(w -> w.contains("the tests ran on image " + Fixtures.digest('e')
                    + " but image.json now has " + digests[0] + " (image " + digests[1]
                    + "); run factory:test again (a push is "
                    + "the image tested only when the build is reproducible")), f.warnings.toString());
            assertFalse(registry.manifests.containsKey("team/solo@" + RegistryClient.referrersTagName(digests[1])));
        }
    }

    private Fixtures project(String registryHost, String digest) throws IOException {
        Fixtures f = new Fixtures(dir);
        f.registries = new Registries(Credentials.Provider.NONE, Set.of(), 0);
        StitchedBuild b = f.build("solo", "solo", null, Map.of(), registryHost + "/team/solo", List.of(AMD));
        f.image(b, true, Fixtures.built(AMD, digest));
        f.smoke(b, Fixtures.tested(AMD, digest, 4, 0, 0, null));
        f.sbom(b, "sbom.cdx.json", digest, 5);
        return f;
    }

    @Test
    void withoutTheReferrersApiTheTagSchemaCarriesRecordsAndTheReportReadsThemBack() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String digest = seedImage(registry, "team/solo", "solo-linux-amd64");
            Fixtures f = project(registry.host(), digest);
            Path records = dir.resolve("records");
            Recorder recorder = new Recorder();
            CompatibilityRecord first = recorder.record(f.request(records, PushMode.AUTO, null)).get(0).record();
            f.now = Fixtures.NOW.plusSeconds(3600);
            CompatibilityRecord second = recorder.record(f.request(records, PushMode.AUTO, null)).get(0).record();

            byte[] tag = registry.manifests.get("team/solo@" + RegistryClient.referrersTagName(digest));
            ImageIndex index = ImageIndex.parse(tag, MediaTypes.OCI_INDEX);
            assertEquals(List.of(RecordPublisher.RECORD_ARTIFACT_TYPE, RecordPublisher.CYCLONEDX_TYPE,
                    RecordPublisher.RECORD_ARTIFACT_TYPE),
                    index.manifests().stream().map(Descriptor::artifactType).toList(),
                    "two records, and the same SBOM pushed once");
            assertEquals("solo", index.manifests().get(0).annotations().get(RecordPublisher.ANNOTATION_BUILD));
            assertEquals("pass", index.manifests().get(0).annotations().get(RecordPublisher.ANNOTATION_STATUS));
            assertTrue(f.infos.stream().anyMatch(i -> i.contains("(referrers tag sha256-")), f.infos.toString());

            LoadedRecords loaded = new RegistryRecords(f.registries, f.infos::add).read(f.builds, f.output);
            assertEquals(List.of(), loaded.skipped());
            assertEquals(2, loaded.records().size());
            assertTrue(loaded.records().stream().allMatch(l -> l.record().equals(first) || l.record().equals(second)));
            assertTrue(loaded.records().get(0).source().startsWith(registry.host() + "/team/solo@sha256:"));
        }
    }

    @Test
    void withTheReferrersApiNoTagIsWritten() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.NONE, null, null, true)) {
            String digest = seedImage(registry, "team/solo", "solo-linux-amd64");
            Fixtures f = project(registry.host(), digest);
            new Recorder().record(f.request(dir.resolve("records"), PushMode.AUTO, null));
            assertFalse(registry.manifests.containsKey("team/solo@" + RegistryClient.referrersTagName(digest)));
            LoadedRecords loaded = new RegistryRecords(f.registries, f.infos::add).read(f.builds, f.output);
            assertEquals(1, loaded.records().size());
        }
    }

    @Test
    void anUnreachableRegistryFailsNamingItAfterTheLocalRecordIsWritten() throws IOException {
        Fixtures f = project("127.0.0.1:1", Fixtures.digest('a'));
        Path records = dir.resolve("records");
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> new Recorder().record(f.request(records, PushMode.AUTO, null)));
        assertTrue(e.getMessage().startsWith("Pushing 1 of 1 record(s) to the registry 127.0.0.1:1 failed; the records "
                + "are written locally all the same"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
        assertEquals(1, f.attached.size(), "attached before the push");
        assertTrue(Files.isRegularFile(f.attached.get(0).file()));
    }

    @Test
    void anImageMissingFromItsRegistryIsBadInputAndTheRecordStays() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            Fixtures f = project(registry.host(), Fixtures.digest('e'));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new Recorder().record(f.request(dir.resolve("records"), PushMode.AUTO, null)));
            assertTrue(e.getMessage().contains("was not found in the registry " + registry.host()), e.getMessage());
            assertTrue(e.getMessage().contains("factory.record.push=false"), e.getMessage());
            assertTrue(Files.isRegularFile(f.attached.get(0).file()));
        }
    }

    @Test
    void recordsOfImagesThatWereNotPushedStayLocalUnlessAsked() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.registries = new Registries(Credentials.Provider.NONE, Set.of(), 0);
        StitchedBuild b = f.build("solo", "solo", null, Map.of(), "127.0.0.1:1/team/solo", List.of(AMD));
        f.image(b, false, Fixtures.built(AMD, Fixtures.digest('a')));
        f.smoke(b, Fixtures.tested(AMD, Fixtures.digest('a'), 4, 0, 0, null));
        assertEquals(1, new Recorder().record(f.request(dir.resolve("r1"), PushMode.AUTO, null)).size());
        assertThrows(EnvironmentException.class,
                () -> new Recorder().record(f.request(dir.resolve("r2"), PushMode.ALWAYS,
                        null)));
    }

    @Test
    void aCorruptRecordArtifactIsSkippedAndNamed() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String digest = seedImage(registry, "team/solo", "solo-linux-amd64");
            Fixtures f = project(registry.host(), digest);
            RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
            byte[] junk = "{\"schema\":\"factory.record/v1\"}".getBytes(StandardCharsets.UTF_8);
            client.pushBlob("team/solo", junk);
            client.pushBlob("team/solo", RecordPublisher.EMPTY_CONFIG);
            RegistryClient.Manifest subject = client.getManifest("team/solo", digest).orElseThrow();
            ImageManifest artifact = ImageManifest.artifact(RecordPublisher.RECORD_ARTIFACT_TYPE,
                    Descriptor.of(MediaTypes.OCI_EMPTY, Digests.of(RecordPublisher.EMPTY_CONFIG), 2),
                    List.of(Descriptor.of(RecordPublisher.RECORD_ARTIFACT_TYPE, Digests.of(junk), junk.length)),
                    Descriptor.of(subject.mediaType(), digest, subject.bytes().length), Map.of());
            client.pushReferrer("team/solo", artifact);
            LoadedRecords loaded = new RegistryRecords(f.registries, f.infos::add).read(f.builds, f.output);
            assertEquals(0, loaded.records().size());
            assertEquals(1, loaded.skipped().size());
            assertTrue(loaded.skipped().get(0).reason().startsWith("does not match record.schema.json"),
                    loaded.skipped().get(0).reason());
        }
    }
}
