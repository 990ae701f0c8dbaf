package dev.factory.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import dev.factory.io.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFilesTest {
    @TempDir
    Path dir;

    private static final CompatibilityRecord RECORD = Fixtures.record("jre", "jres", Map.of("core.version", "17"),
            "linux/arm/v7", "pass", Instant.parse("2026-11-25T10:15:30Z"));

    private static Set<String> names(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A record as written since Factory resolves base digests: with its base and its variant key. */
    private static final CompatibilityRecord WITH_BASE = Fixtures.withBase(RECORD, "localhost:5000/lab/busybox:1.35",
            "sha256:" + "b".repeat(64), "sha256:" + "c".repeat(64));

    @Test
    void theSchemaDescribesExactlyWhatIsWritten() {
        JsonNode schema = Schemas.document(Schemas.RECORD);
        ObjectNode json = Json.mapper().valueToTree(WITH_BASE);
        assertEquals(names(schema.path("properties")), names(json));
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        Set<String> always = new LinkedHashSet<>(names(json));
        // optional, so that records written before them still read (and factory:sign's predicate schema accepts them)
        always.removeAll(List.of("base", "key"));
        assertEquals(always, required, "every other field is always written, null when unknown");
        for (String nested : List.of("image", "tests", "tools", "source", "base")) {
            assertEquals(names(schema.path("properties").path(nested).path("properties")), names(json.path(nested)),
                    nested);
        }
        // the DESIGN's names are all there
        assertTrue(
                names(json).containsAll(List.of("schema", "manifest_id", "manifest_digest", "build", "plan", "variant",
                        "fragments", "image", "status", "tests", "evidence", "sbom", "tools", "source", "ci", "created",
                        "notes")));
    }

    @Test
    void aRecordWithBaseAndKeyRoundTrips() {
        RecordFiles.Parsed parsed = RecordFiles.parse(RecordFiles.bytes(WITH_BASE));
        assertTrue(parsed.ok(), parsed.problem());
        assertEquals(WITH_BASE, parsed.record());
        assertEquals(new CompatibilityRecord.Base("localhost:5000/lab/busybox:1.35", "sha256:" + "b".repeat(64)),
                parsed.record().base());
    }

    @Test
    void aRecordWrittenBeforeBaseDigestsStillReads() {
        ObjectNode old = Json.mapper().valueToTree(RECORD);
        assertTrue(!old.has("base") && !old.has("key"), old.toString());
        RecordFiles.Parsed parsed = RecordFiles.parse(dev.factory.io.Json.bytes(old));
        assertTrue(parsed.ok(), parsed.problem());
        assertEquals(null, parsed.record().base());
        assertEquals(null, parsed.record().key());
    }

    @Test
    void aBaseWithoutRefOrAMalformedKeyIsNotARecord() {
        ObjectNode json = Json.mapper().valueToTree(WITH_BASE);
        ((ObjectNode) json.get("base")).remove("ref");
        assertTrue(RecordFiles.parse(dev.factory.io.Json.bytes(json)).problem().contains("ref"),
                RecordFiles.parse(dev.factory.io.Json.bytes(json)).problem());
        ObjectNode badKey = Json.mapper().valueToTree(WITH_BASE);
        badKey.put("key", "md5:abc");
        assertTrue(!RecordFiles.parse(dev.factory.io.Json.bytes(badKey)).ok());
    }

    @Test
    void recordsRoundTripAndReadBackEqual() {
        byte[] bytes = RecordFiles.bytes(RECORD);
        RecordFiles.Parsed parsed = RecordFiles.parse(bytes);
        assertTrue(parsed.ok(), parsed.problem());
        assertEquals(RECORD, parsed.record());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("{\n  \"schema\": \"factory.record/v1\",\n"));
    }

    @Test
    void namesSayManifestBuildPlatformAndTime() {
        Path p = RecordFiles.path(dir, RECORD, "0a1b2c");
        assertEquals(dir.resolve("jre/jre-17--linux-arm-v7--20261125T101530Z--0a1b2c.json"), p);
        assertEquals("jre-17-linux-arm-v7-record", RecordFiles.classifier("jre-17", "linux/arm/v7"));
        assertTrue(RecordFiles.randomSuffix().matches("[0-9a-f]{6}"));
    }

    @Test
    void aTakenNameIsNeverOverwrittenButDrawnAgain() throws IOException {
        Iterator<String> suffixes = List.of("aaaaaa", "aaaaaa", "bbbbbb").iterator();
        RecordFiles.Written first = RecordFiles.writeAll(dir, List.of(RECORD), suffixes::next).get(0);
        byte[] before = Files.readAllBytes(first.file());
        RecordFiles.Written second = RecordFiles.writeAll(dir, List.of(RECORD), suffixes::next).get(0);
        assertTrue(second.file().getFileName().toString().endsWith("--bbbbbb.json"), second.file().toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(first.file())));
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> RecordFiles.writeAll(dir, List.of(RECORD), () -> "aaaaaa"));
        assertTrue(e.getMessage().contains("no free file name"), e.getMessage());
    }

    @Test
    void aManifestFolderThatCannotBeWrittenIsNamedAndTheRunLeavesNoRecord() throws IOException {
        CompatibilityRecord other = Fixtures.record("node", "nodes", Map.of("core.version", "22"), "linux/amd64",
                "pass",
                Instant.parse("2026-11-25T10:15:30Z"));
        Files.writeString(dir.resolve("node"), "in the way of node's folder");
        dev.factory.BadInputException e = assertThrows(dev.factory.BadInputException.class,
                () -> RecordFiles.writeAll(dir, List.of(RECORD, other), RecordFiles::randomSuffix));
        assertEquals("The records folder " + dir.resolve("node") + " is not writable (a file is in the way of "
                + dir.resolve("node")
                + "); no record was written. Point factory.records.directory at a folder this build "
                + "may write (the default is target/factory/records), or give the build user write permission there, then "
                + "run again.", e.getMessage());
        assertFalse(Files.exists(dir.resolve("jre")), "jre's record, and the folder made for it, were taken back");
    }

    @Test
    void aRecordThatBreaksTheSchemaIsNeverWritten() {
        CompatibilityRecord bad = new CompatibilityRecord(RECORD.manifestId(), "md5:nope", RECORD.build(),
                RECORD.plan(),
                RECORD.variant(), RECORD.fingerprint(), RECORD.fragments(), RECORD.image(), "maybe", RECORD.tests(),
                RECORD.evidence(), RECORD.sbom(), RECORD.tools(), RECORD.source(), RECORD.ci(), RECORD.run(),
                RECORD.created(),
                RECORD.notes());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RecordFiles.writeAll(dir, List.of(RECORD, bad), RecordFiles::randomSuffix));
        assertTrue(e.getMessage().contains("/status") && e.getMessage().contains("/manifest_digest"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("jre")), "validated before anything is written");
    }

    @Test
    void badFilesAreDescribedNotThrown() {
        assertTrue(RecordFiles.parse("{\"schema\": ".getBytes()).problem().startsWith("not JSON: "));
        assertEquals("not a Factory record (not a JSON object)", RecordFiles.parse("[1]".getBytes()).problem());
        assertEquals("not a Factory record (schema 'factory.builds/v1', expected 'factory.record/v1')",
                RecordFiles.parse("{\"schema\":\"factory.builds/v1\"}".getBytes()).problem());
        ObjectNode json = Json.mapper().valueToTree(RECORD);
        json.put("status", "unknown");
        json.remove("created");
        String problem = RecordFiles.parse(Json.bytes(json)).problem();
        assertTrue(problem.startsWith("does not match record.schema.json: "), problem);
        assertTrue(problem.endsWith("(and 1 more)"), problem);
        ObjectNode badDate = Json.mapper().valueToTree(RECORD);
        badDate.put("created", "2026-13-45T10:15:30Z");
        assertTrue(RecordFiles.parse(Json.bytes(badDate)).problem().contains("created"));
    }

    @Test
    void ciVariablesOfTheCommonServices() {
        assertEquals(null, new CiEnvironment(Map.of()).describe());
        assertEquals(new CompatibilityRecord.Ci("github-actions", "7", "https://github.com/a/b/actions/runs/7"),
                new CiEnvironment(Map.of("GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "7", "GITHUB_RUN_ATTEMPT", "1",
                        "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "a/b")).describe());
        assertEquals(new CompatibilityRecord.Ci("gitlab", "99", "https://gitlab.example/j/1"),
                new CiEnvironment(Map.of("GITLAB_CI", "true", "CI_PIPELINE_ID", "99", "CI_JOB_URL",
                        "https://gitlab.example/j/1")).describe());
        assertEquals(new CompatibilityRecord.Ci("jenkins", "5", "https://jenkins/job/x/5/"),
                new CiEnvironment(Map.of("JENKINS_URL", "https://jenkins/", "BUILD_ID", "5", "BUILD_URL",
                        "https://jenkins/job/x/5/")).describe());
        assertEquals(new CompatibilityRecord.Ci("ci", null, null), new CiEnvironment(Map.of("CI", "true")).describe());
    }
}
