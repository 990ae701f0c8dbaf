package dev.factory.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BakeResultTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    // from a bake without the base image mirror: Docker Hub is not reachable
    private static final String HUB = "failed to resolve source metadata for docker.io/library/busybox:1.35: failed to do request: "
            + "Head \"https://registry-1.docker.io/v2/library/busybox/manifests/1.35\": dial tcp: lookup registry-1.docker.io on "
            + "10.255.255.53:53: no such host";
    // from mvn factory:stitch factory:bake in a jar project before the jar was built
    private static final String NO_JAR = "failed to calculate checksum of ref rjljjppq1dre33s2oyujq10x3::xo4phcd7mmzrev0sge60sq3qz: "
            + "\"/target/orders-api.jar\": not found";
    // a failed RUN of a stdlib fragment
    private static final String RUN = "process \"/bin/sh -c set -eux;     printf 'Binary::apt::APT::Keep-Downloaded-Packages "
            + "\\\"false\\\";\\\\nAPT::Install-Recommends \\\"false\\\";\\\\n' > /etc/apt/apt.conf.d/90factory-baseline;     "
            + "apt-get update\" did not complete successfully: exit code: 100";

    private static BakeResult result(Map<String, String> errors, int built) {
        List<ImageJson.PlatformImage> platforms = new java.util.ArrayList<>();
        errors.forEach((platform, error) -> platforms
                .add(new ImageJson.PlatformImage(platform, "x:" + platform, null, "failed", error)));
        for (int i = 0; i < built; i++) {
            platforms.add(new ImageJson.PlatformImage("linux/b" + i, "x:b" + i, DIGEST, "built", null));
        }
        Map<String, String> failures = new LinkedHashMap<>();
        errors.forEach((platform, error) -> failures.put("t-" + platform, error));
        return new BakeResult(List.of(new ImageJson("b", "m", "x", "t", "sha256:f", false, null, platforms)), failures);
    }

    @Test
    void whenEverythingFailedItDoesNotSpeakOfOthers() {
        assertEquals("2 of 2 target(s) failed to build.",
                result(Map.of("linux/amd64", HUB, "linux/arm64", HUB), 0).summary());
    }

    @Test
    void whenSomeWereBuiltItCountsThem() {
        assertEquals("1 of 4 target(s) failed to build. The other 3 were built.",
                result(Map.of("linux/amd64", RUN), 3).summary());
    }

    // mvn deploy against a read-only registry (IT publish-refused)
    private static final String REFUSED = "failed to push 127.0.0.1:42771/it/refused:latest-linux-arm64: unexpected status from "
            + "POST request to http://127.0.0.1:42771/v2/it/refused/blobs/uploads/: 405 Method Not Allowed";

    @Test
    void aRefusedPushIsSaidAsSuchWithTheRegistrysAnswer() {
        BakeResult result = result(Map.of("linux/arm64", REFUSED), 1);
        assertEquals(
                "1 of 2 target(s) were built but not pushed: the registry did not take them. The other 1 were built and pushed.",
                result.summary());
        assertEquals(List.of(
                "The registry 127.0.0.1:42771 did not take 1 push(es): 127.0.0.1:42771/it/refused:latest-linux-arm64 "
                        + "(unexpected status from POST request to http://127.0.0.1:42771/v2/it/refused/blobs/uploads/: 405 Method Not Allowed). "
                        + "Check that you may push there (docker login 127.0.0.1:42771; a read-only registry or a protected tag refuses "
                        + "pushes), or change 'image' in the manifest."),
                result.hints());
        assertEquals("2 of 3 target(s) failed: 1 to build, 1 to push. The other 1 were built and pushed.",
                result(Map.of("linux/arm64", REFUSED, "linux/amd64", RUN), 1).summary());
    }

    @Test
    void aSnapshotTheEngineLostIsExplained() {
        // buildx 0.29.1 on Engine 26.1 after a bake was killed while it exported, word for word
        List<String> hints = BakeResult.hints(List.of("failed to commit x21kqhs6ttd74bvjlca9kolbd to "
                + "l00oj79nrgbts67brv593r2eb during finalize: failed to stat active key during commit: snapshot "
                + "x21kqhs6ttd74bvjlca9kolbd does not exist: not found"));
        assertEquals(List.of("The builder's cache points a cached step at a layer the engine no longer has (a build "
                + "killed while it exported can leave that behind); baking again fails the same way. Clear that cache: "
                + "docker buildx prune --builder <the builder> (factory.builder, or the current one), then bake again."),
                hints);
        assertEquals(List.of(), BakeResult.hints(List.of("failed to solve: snapshot x does not exist: not found")));
    }

    @Test
    void aFailedRunShowsTheStartOfItsCommandAndTheReason() {
        String table = result(Map.of("linux/amd64", RUN), 0).table();
        assertEquals(
                "b      linux/amd64     FAILED: process \"/bin/sh -c set -eux;     printf 'Binary::apt::APT::Keep-Down…\" "
                        + "did not complete successfully: exit code: 100",
                table.lines().toList().get(1));
        assertEquals("process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7",
                BakeResult.brief("process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7"));
        assertEquals(HUB, BakeResult.brief(HUB));
    }

    @Test
    void anUnreachableDockerHubSuggestsTheMirror() {
        assertEquals(List.of(
                "Base image(s) docker.io/library/busybox:1.35 could not be resolved: the bases come from Docker Hub, "
                        + "which this engine cannot reach. Take them from a mirror with -Dfactory.mirror=REGISTRY/PREFIX (applied by "
                        + "factory:stitch, so stitch again with it; in Factory's lab, -Dfactory.mirror=localhost:5000/lab)."),
                BakeResult.hints(List.of(HUB, HUB)));
        // the step error alone, without the root cause that names the base
        assertTrue(BakeResult.hints(List.of(HUB.substring(HUB.indexOf("failed to do request")))).get(0)
                .startsWith("The base images could not be resolved: the bases come from Docker Hub"));
    }

    @Test
    void anUnreachableRegistryIsNamed() {
        String error = "failed to resolve source metadata for 127.0.0.1:5999/it/busybox:1.35: failed to do request: Head "
                + "\"http://127.0.0.1:5999/v2/it/busybox/manifests/1.35\": dial tcp 127.0.0.1:5999: connect: connection refused";
        assertEquals(List.of(
                "Base image(s) 127.0.0.1:5999/it/busybox:1.35 could not be resolved: the bases come from 127.0.0.1:5999, "
                        + "which this engine cannot reach. Check that the registry runs and that the engine can reach it (if it is your "
                        + "-Dfactory.mirror, that the mirror is right; factory:stitch applies it)."),
                BakeResult.hints(List.of(error)));
    }

    @Test
    void aMissingTagIsNotCalledUnreachable() {
        assertEquals(List.of(),
                BakeResult.hints(List.of("failed to resolve source metadata for localhost:5000/lab/busybox:9.99: "
                        + "localhost:5000/lab/busybox:9.99: not found")));
    }

    @Test
    void aMissingCopySourceSaysWhatMustExistBeforeBake() {
        assertEquals(List.of(
                "target/orders-api.jar not found in the build context (the project directory): the files a Dockerfile "
                        + "copies must exist before factory:bake runs (and be declared as 'context' by the manifest or a fragment). In a jar "
                        + "project, run mvn package: it runs factory:stitch, builds the jar, then runs factory:bake, in that order."),
                BakeResult.hints(List.of(NO_JAR, NO_JAR, RUN)));
        // when no file of the folder is in the context, buildkit misses the folder instead
        String noFolder = "failed to calculate checksum of ref rjljjppq1dre33s2oyujq10x3::dmrlvwhwqg4v4tqlz3e1ub61d: failed to walk "
                + "/var/lib/docker/tmp/buildkit-mount2389308297/target: lstat /var/lib/docker/tmp/buildkit-mount2389308297/target: "
                + "no such file or directory";
        assertTrue(BakeResult.hints(List.of(noFolder)).get(0)
                .startsWith("target not found in the build context (the project directory): "));
    }
}
