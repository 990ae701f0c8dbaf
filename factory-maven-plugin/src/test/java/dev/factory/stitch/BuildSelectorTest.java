package dev.factory.stitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factory.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildSelectorTest {
    private static final Path FILE = Path.of("target/factory/builds.json");
    private static final List<StitchedBuild> BUILDS = List.of(build("jre-17", "jre"), build("jre-21", "jre"),
            build("web", "web"));

    @Test
    void noManifestOrABlankOneSelectsEveryBuild() {
        assertEquals(BUILDS, new BuildSelector(null).select(BUILDS, FILE));
        assertEquals(BUILDS, new BuildSelector("  ").select(BUILDS, FILE));
    }

    @Test
    void aManifestSelectsItsBuilds() {
        assertEquals(BUILDS.subList(0, 2), new BuildSelector(" jre ").select(BUILDS, FILE));
    }

    @Test
    void aManifestWithoutStitchedBuildsIsNamedWithTheNearestAndTheFix() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> new BuildSelector("jer").select(BUILDS, FILE));
        assertEquals("factory.manifestId=jer: " + FILE + " has no build of that manifest (did you mean 'jre'?); its "
                + "manifests: jre, web. Run factory:stitch first, without factory.manifestId or with the same one.",
                e.getMessage());
        e = assertThrows(BadInputException.class, () -> new BuildSelector("jre").select(List.of(), FILE));
        assertEquals("factory.manifestId=jre: " + FILE + " has no build of that manifest; it lists no build. Run "
                + "factory:stitch first, without factory.manifestId or with the same one.", e.getMessage());
    }

    private static StitchedBuild build(String build, String manifest) {
        return new StitchedBuild(build, manifest, "manifests/" + manifest + ".yaml", null, null, Map.of(),
                "busybox:1.35",
                "localhost:5000/it-tidy/" + manifest, List.of("1"), List.of("linux/amd64"), null, "default", List.of(),
                "builds/" + build + "/Dockerfile", Map.of(), Map.of(), "sha256:0");
    }
}
