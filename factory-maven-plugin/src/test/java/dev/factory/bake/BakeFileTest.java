package dev.factory.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.docker.BuilderInfo;
import dev.factory.docker.EngineInfo;
import dev.factory.io.Json;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BakeFileTest {
    static final Path PROJECT = Path.of("/work/app");

    static StitchedBuild build(String id, List<String> platforms) {
        return new StitchedBuild(id, "app", "src/main/factory/manifests/app.yaml", null, null, Map.of(), "busybox:1.35",
                "localhost:5000/factory/app", List.of("1.0"), platforms, null, "default", List.of(),
                "target/factory/builds/" + id + "/Dockerfile", Map.of(), Map.of(), "sha256:f");
    }

    static BakeRequest request(CacheMode cache, Path cacheDir, List<String> warnings) {
        return new BakeRequest(PROJECT, PROJECT.resolve("target/factory"), null, false, false, cache, null, cacheDir,
                null, null,
                Map.of(), Map.of(), Duration.ofMinutes(1), false, line -> {}, warnings::add);
    }

    @Test
    void contextsAndDockerfilesAreRelativeToTheProjectSoTheFileRunsThere() throws IOException {
        BakeFile file = BakeFile.of(List.of(build("app", List.of("linux/amd64"))),
                request(CacheMode.NONE, null, new ArrayList<>()),
                "linux/amd64", null);
        JsonNode target = Json.mapper().readTree(file.bytes()).path("target").path("app-linux-amd64");
        assertEquals(".", target.path("context").asText());
        assertEquals("target/factory/builds/app/Dockerfile", target.path("dockerfile").asText());
        assertTrue(file.entitlements().isEmpty(), "nothing outside the project: " + file.entitlements());
    }

    @Test
    void theLocalCacheOutsideTheProjectIsTheOnlyEntitlementAndOnlyOnBuildxThatChecks() {
        Path cache = Path.of("/root/.cache/factory/bake");
        BakeFile file = BakeFile.of(
                List.of(build("a", List.of("linux/amd64", "linux/arm64")), build("b", List.of("linux/amd64"))),
                request(CacheMode.LOCAL, cache, new ArrayList<>()), "linux/amd64", null);
        assertEquals(Set.of("fs=/root/.cache/factory/bake"), file.entitlements());
        assertEquals(List.of("--allow=fs=/root/.cache/factory/bake"),
                Baker.allowFlags(new EngineInfo("28.2.2", "0.29.1+ds1", true, "linux/amd64"), file));
        assertEquals(List.of("--allow=fs=/root/.cache/factory/bake"),
                Baker.allowFlags(new EngineInfo("28.2.2", "0.19.0", true, "linux/amd64"), file));
        assertEquals(List.of(), Baker.allowFlags(new EngineInfo("26.1.5", "0.13.1+ds1", true, "linux/amd64"), file),
                "buildx 0.13 has no --allow for bake");
    }

    @Test
    void aCacheInsideTheProjectNeedsNoEntitlement() {
        BakeFile file = BakeFile.of(List.of(build("a", List.of("linux/amd64"))),
                request(CacheMode.LOCAL, PROJECT.resolve("target/cache"), new ArrayList<>()), "linux/amd64", null);
        assertTrue(file.entitlements().isEmpty());
    }

    @Test
    void aDownNodeFailsOnlyTheTargetsOfItsPlatformNamingTheNode() throws IOException {
        List<String> warnings = new ArrayList<>();
        BakeRequest request = request(CacheMode.NONE, null, warnings);
        BakeFile file = BakeFile.of(
                List.of(build("a", List.of("linux/amd64", "linux/arm64")), build("b", List.of("linux/arm64"))),
                request, null, null);
        Map<String, String> failures = new LinkedHashMap<>();
        Baker.failUnreachableNodes(request, dev.factory.docker.BuilderInfoTest.inspect("node-down-0.29.txt"), file,
                failures);
        assertEquals(List.of("a-linux-arm64", "b-linux-arm64"), List.copyOf(failures.keySet()));
        assertTrue(
                failures.get("a-linux-arm64")
                        .startsWith("node dead-arm64 (tcp://127.0.0.1:1299) of builder deadfarm is inactive"),
                failures.get("a-linux-arm64"));
        assertEquals(1, warnings.size(), "one warning per platform: " + warnings);
        assertTrue(warnings.get(0).startsWith("Not baking the linux/arm64 targets: node dead-arm64"), warnings.get(0));
    }

    @Test
    void theEnginesOwnBuilderIsNeverSkipped() throws IOException {
        BakeRequest request = request(CacheMode.NONE, null, new ArrayList<>());
        BakeFile file = BakeFile.of(List.of(build("a", List.of("linux/amd64", "linux/arm64"))), request, "linux/amd64",
                null);
        Map<String, String> failures = new LinkedHashMap<>();
        BuilderInfo engine = dev.factory.docker.BuilderInfoTest.inspect("default-0.13.txt");
        Baker.failUnreachableNodes(request, engine, file, failures);
        assertTrue(failures.isEmpty());
    }

    @Test
    void builtByIsTheBuilderAndNodeOfBuildxsRef() throws IOException {
        JsonNode meta = Json.mapper()
                .readTree("{\"buildx.build.ref\": \"factory-farm/farm-arm64/yzm94lzw28xquefvfofglx6vx\"}");
        assertEquals("factory-farm/farm-arm64", Baker.builtBy(meta));
        assertEquals(null, Baker.builtBy(Json.mapper().readTree("{}")));
    }
}
