package dev.factory.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text of {@code docker buildx inspect} as buildx 0.13 and 0.29 printed it in the lab (test resources). */
public class BuilderInfoTest {

    public static BuilderInfo inspect(String file) throws IOException {
        try (InputStream in = BuilderInfoTest.class.getResourceAsStream("buildx-inspect/" + file)) {
            return BuilderInfo.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.13", "0.29"})
    void aFarmOfTwoRemoteNodesOnePerPlatform(String buildx) throws IOException {
        BuilderInfo farm = inspect("farm-" + buildx + ".txt");
        assertEquals("factory-farm", farm.name());
        assertEquals("remote", farm.driver());
        assertFalse(farm.engineBuilder());
        assertFalse(farm.nodesStartOnDemand());
        assertEquals(List.of("farm-amd64", "farm-arm64"), farm.nodes().stream().map(BuilderInfo.Node::name).toList());
        BuilderInfo.Node amd64 = farm.nodes().get(0);
        assertEquals("tcp://127.0.0.1:1234", amd64.endpoint());
        assertTrue(amd64.running());
        assertEquals("v0.32.2", amd64.buildkitVersion());
        // the platforms it was created for, not every one it can emulate
        assertEquals(List.of("linux/amd64"), amd64.platforms());
        assertEquals("farm-amd64", farm.nodeFor("linux/amd64").orElseThrow().name());
        assertEquals("farm-arm64", farm.nodeFor("linux/arm64").orElseThrow().name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.13", "0.29"})
    void theEnginesOwnBuilderTakesEveryPlatformItLists(String buildx) throws IOException {
        BuilderInfo engine = inspect("default-" + buildx + ".txt");
        assertEquals("docker", engine.driver());
        assertTrue(engine.engineBuilder());
        assertTrue(engine.nodesStartOnDemand());
        assertTrue(engine.nodes().get(0).running());
        assertEquals("default", engine.nodeFor("linux/arm64").orElseThrow().name());
        assertTrue(engine.nodes().get(0).platforms().contains("linux/amd64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.13", "0.29"})
    void aNodeThatDoesNotAnswerIsInactiveAndStillOwnsItsPlatform(String buildx) throws IOException {
        BuilderInfo farm = inspect("node-down-" + buildx + ".txt");
        BuilderInfo.Node arm64 = farm.nodeFor("linux/arm64").orElseThrow();
        assertEquals("dead-arm64", arm64.name());
        assertEquals("inactive", arm64.status());
        assertFalse(arm64.running());
        assertEquals("tcp://127.0.0.1:1299", arm64.endpoint());
        assertEquals(null, arm64.buildkitVersion());
        assertTrue(farm.nodeFor("linux/amd64").orElseThrow().running());
        assertTrue(farm.nodeFor("linux/s390x").isPresent(),
                "the live node lists s390x among the platforms it emulates");
        assertTrue(farm.nodeFor("windows/amd64").isEmpty());
    }
}
