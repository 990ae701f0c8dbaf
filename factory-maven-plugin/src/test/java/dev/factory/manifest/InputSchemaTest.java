package dev.factory.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.factory.io.Json;
import dev.factory.io.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests and plans are held to the schemas shipped for them, with the element's line and column. */
class InputSchemaTest {
    @TempDir
    Path tmp;

    @Test
    void aManifestTheLoaderLetsThroughButTheSchemaRefusesIsBadInputAtItsLine() throws IOException {
        // tests are read by factory:test, not by the loader: only the schema sees that this is no mapping
        assertEquals("manifests/app.yaml:5:8: tests: string found, object expected. Factory holds this file to "
                + "manifest.schema.json in its plugin jar (dev/factory/schemas/); docs/manifest.md describes each element.",
                InputFiles.manifestRefusal(tmp, "manifests/app.yaml",
                        "id: app\nbase: busybox:1.35\nfragments:\n  core: hello\ntests: every one\n"));
    }

    @Test
    void aPlanIsHeldToItsSchemaToo() throws IOException {
        assertEquals("plans/p.yaml:4:8: tests: string found, object expected. Factory holds this file to "
                + "plan.schema.json in its plugin jar (dev/factory/schemas/); docs/plan.md describes each element.",
                InputFiles.planRefusal(tmp, "plans/p.yaml",
                        "manifest: app\naxes:\n  core.version: [\"17\"]\ntests: none\n"));
    }

    @Test
    void aPointerFindsTheDeepestElementThatExists() {
        YamlNode root = YamlReader.read("a:\n  b: [x, {c: d}]\n".getBytes(), "f.yaml", InputLimits.DEFAULTS);
        assertEquals("a.b[1].c", InputSchema.at(root, "/a/b/1/c").path());
        assertEquals("a.b", InputSchema.at(root, "/a/b/7").path());
        assertEquals("", InputSchema.at(root, "").path());
    }

    /** Every manifest and plan of the repository's examples and good-input ITs passes its schema. */
    @Test
    void theRepositorysManifestsAndPlansValidate() throws IOException {
        List<Path> files = new ArrayList<>();
        // (the archetype's manifest is a Velocity template: the archetype IT stitches what it generates)
        for (String root : List.of("../it/src/it", "../examples")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                s.filter(p -> p.toString().matches(".*/(manifests|plans)/[^/]+\\.ya?ml"))
                        .filter(p -> !p.toString().matches(".*/it/src/it/[^/]*-bad-.*")).sorted().forEach(files::add);
            }
        }
        assertFalse(files.size() < 20, files.toString());
        List<String> failing = new ArrayList<>();
        for (Path f : files) {
            String schema = f.getParent().getFileName().toString().equals("plans") ? Schemas.PLAN : Schemas.MANIFEST;
            YamlNode root = YamlReader.read(Files.readAllBytes(f), f.toString(), InputLimits.DEFAULTS);
            List<String> problems = Schemas.problems(schema, Json.mapper().valueToTree(root.toPlain()));
            if (!problems.isEmpty()) {
                failing.add(f + ": " + problems);
            }
        }
        assertEquals(List.of(), failing, files.size() + " files checked");
    }
}
