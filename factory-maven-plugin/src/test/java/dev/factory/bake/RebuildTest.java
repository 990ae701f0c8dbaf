package dev.factory.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.stitch.StitchedBuild;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildTest {
    private static StitchedBuild build(String id) {
        return new StitchedBuild(id, "hello", "m.yaml", null, null, Map.of(), "busybox:1.35", "x/hello", List.of(id),
                List.of("linux/amd64"), null, "layered", List.of(), "Dockerfile", Map.of(), Map.of(), "sha256:f");
    }

    @Test
    void allOrBuildIds() {
        assertTrue(Rebuild.parse("all").forces("anything"));
        Rebuild two = Rebuild.parse("hello-a, hello-b");
        assertTrue(two.forces("hello-b"));
        assertFalse(two.forces("hello-c"));
    }

    @Test
    void anUnknownBuildIdIsRefusedWithTheNearestAndTheList() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> Rebuild.parse("hello-bonjur").check(List.of(build("hello-bonjour"), build("hello-hello"))));
        assertEquals(
                "factory.rebuild=hello-bonjur: no stitched build has that id (did you mean 'hello-bonjour'?). Write all, or "
                        + "build ids separated by commas (factory:matrix lists them): hello-bonjour, hello-hello.",
                e.getMessage());
    }
}
