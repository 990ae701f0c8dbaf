package dev.factory.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.bake.ImageJson;
import dev.factory.io.Json;
import dev.factory.io.Schemas;
import dev.factory.smoke.SmokeSummary;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * image.json and smoke.json as ImageJson and SmokeSummary write them, in every shape (failed platform, reused and
 * keyed platforms, untested platform), and the records made from them, match the schemas shipped for them.
 */
class HandOffSchemasTest {
    private static final String AMD = "linux/amd64";
    private static final String ARM = "linux/arm64";

    @TempDir
    Path dir;

    @Test
    void imageSmokeAndRecordFilesMatchTheirSchemas() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.smoke(f.builtApp17(), Fixtures.tested(AMD, Fixtures.digest('a'), 12, 0, 0, null),
                Fixtures.tested(ARM, Fixtures.digest('b'), 12, 1, 2, "the container did not start"));
        f.failedApp21();
        StitchedBuild keyed = f.app("25", AMD, ARM);
        f.image(keyed, true,
                new ImageJson.PlatformImage(AMD, "ref-" + AMD, Fixtures.digest('c'), "built", null,
                        "factory-farm/farm-amd64",
                        "sha256:" + "1".repeat(64), new ImageJson.Reused("records/app/app-25--linux-amd64--x.json",
                                "2026-11-24T08:00:00Z", "20261124-080000-aaaaaa", true)),
                new ImageJson.PlatformImage(ARM, "ref-" + ARM, Fixtures.digest('d'), "built", null, null,
                        "sha256:" + "2".repeat(64), null));
        f.smoke(keyed, Fixtures.tested(ARM, Fixtures.digest('d'), 3, 0, 0, null));

        for (String build : List.of("app-17", "app-21", "app-25")) {
            Path image = f.buildDir(build).resolve(ImageJson.FILE);
            assertEquals(List.of(), Schemas.problems(Schemas.IMAGE, Json.read(image)), image.toString());
        }
        for (String build : List.of("app-17", "app-25")) {
            Path smoke = f.buildDir(build).resolve(SmokeSummary.FILE);
            assertEquals(List.of(), Schemas.problems(Schemas.SMOKE, Json.read(smoke)), smoke.toString());
        }
        JsonNode reused = Json.read(f.buildDir("app-25").resolve(ImageJson.FILE)).path("platforms");
        assertEquals("factory-farm/farm-amd64", reused.path(0).path("built_by").asText());
        assertTrue(reused.path(0).path("reused").path("baked").asBoolean());
        assertTrue(reused.path(1).path("reused").isMissingNode(),
                "an unset optional key is left out: " + reused.path(1));

        List<RecordFiles.Written> written = new Recorder()
                .record(f.request(dir.resolve("records"), PushMode.NEVER, null));
        assertEquals(4, written.size(), "app-17 on both, app-21 on amd64 and app-25 on arm64 (amd64 is reused)");
        for (RecordFiles.Written w : written) {
            assertEquals(List.of(), Schemas.problems(Schemas.RECORD, Json.read(w.file())), w.file().toString());
        }
    }

    @Test
    void theSchemasRefuseWhatFactoryDoesNotWrite() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.testedSolo();

        ObjectNode image = (ObjectNode) Json.read(f.buildDir("solo").resolve(ImageJson.FILE));
        ((ObjectNode) image.path("platforms").path(0)).put("status", "reused");
        image.remove("tag");
        List<String> imageProblems = Schemas.problems(Schemas.IMAGE, image);
        assertEquals(2, imageProblems.size(), imageProblems.toString());
        assertTrue(imageProblems.stream().anyMatch(s -> s.startsWith("/platforms/0/status: ")),
                imageProblems.toString());

        ObjectNode smoke = (ObjectNode) Json.read(f.buildDir("solo").resolve(SmokeSummary.FILE));
        ((ObjectNode) smoke.path("tests")).put("failed", -1);
        ((ObjectNode) smoke.path("platforms").path(0)).put("duration_millis", 5);
        List<String> smokeProblems = Schemas.problems(Schemas.SMOKE, smoke);
        assertEquals(2, smokeProblems.size(), smokeProblems.toString());
        assertTrue(smokeProblems.stream().anyMatch(s -> s.startsWith("/tests/failed: ")), smokeProblems.toString());
    }
}
