package dev.factory.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BakeOutputTest {
    private static BakeOutput read(List<String> targets, String log) {
        BakeOutput out = new BakeOutput(new LinkedHashSet<>(targets));
        log.lines().forEach(out::line);
        return out;
    }

    @Test
    void aPushThatAnotherTargetsRefusedPushCutShortIsCancelledNotFailed() {
        // buildx 0.13, engine's own builder: the amd64 push through the engine carries the arm64 refusal
        BakeOutput out = read(List.of("half-linux-amd64", "half-linux-arm64"), String.join("\n",
                "#14 [half-linux-arm64] exporting to image",
                "#14 ERROR: failed to push 127.0.0.1:42261/it/half:latest-linux-arm64: failed commit on ref \"index-sha256:c62\": unexpected status from PUT request to http://127.0.0.1:42261/v2/it/half/manifests/latest-linux-arm64: 403 Forbidden",
                "#15 [half-linux-amd64] pushing 127.0.0.1:42261/it/half:latest-linux-amd64 with docker",
                "#15 ERROR: error during connect: Post \"http://%2Fvar%2Frun%2Fdocker.sock/v1.45/images/127.0.0.1:42261/it/half/push?tag=latest-linux-amd64\": failed to solve: failed to push 127.0.0.1:42261/it/half:latest-linux-arm64: failed commit on ref \"index-sha256:c62\": unexpected status from PUT request to http://127.0.0.1:42261/v2/it/half/manifests/latest-linux-arm64: 403 Forbidden",
                "ERROR: failed to solve: failed to push 127.0.0.1:42261/it/half:latest-linux-arm64: failed commit on ref \"index-sha256:c62\": unexpected status from PUT request to http://127.0.0.1:42261/v2/it/half/manifests/latest-linux-arm64: 403 Forbidden"));
        assertEquals(List.of("half-linux-arm64"), List.copyOf(out.failures().keySet()));
    }

    @Test
    void theRootCauseFailsItsTargetAndCancelledExportsDoNot() {
        BakeOutput out = read(List.of("one", "two", "bad"), String.join("\n",
                "#14 [bad 3/3] RUN exit 7",
                "#14 ERROR: process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7",
                "#16 [one] exporting cache to client directory",
                "#16 ERROR: error writing layer blob: error reading from server: EOF: unavailable",
                "#17 [two] exporting cache to client directory",
                "#17 ERROR: error writing layer blob: connection reset by peer: unavailable",
                "ERROR: failed to solve: process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7"));
        assertEquals(Map.of("bad", "process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7"),
                out.failures());
    }

    @Test
    void aPushCutShortByAnotherTargetsFailureIsNotAFailure() {
        // lines from a push bake (lifecycle-evidence IT): shop-hello was pushing when shop-broken failed
        BakeOutput out = read(List.of("shop-hello-linux-amd64", "shop-salut-linux-amd64", "shop-broken-linux-amd64"),
                String.join("\n",
                        "#12 [shop-broken-linux-amd64 2/3] RUN echo \"this variant does not build\" && exit 9",
                        "#12 ERROR: process \"/bin/sh -c echo \\\"this variant does not build\\\" && exit 9\" did not complete successfully: exit code: 9",
                        "#14 [shop-salut-linux-amd64] exporting to image",
                        "#14 CANCELED",
                        "#15 [shop-hello-linux-amd64] pushing localhost:5000/it/evidence:hello-linux-amd64 with docker",
                        "#15 ERROR: failed to solve: process \"/bin/sh -c echo \\\"this variant does not build\\\" && exit 9\" did not complete successfully: exit code: 9",
                        "ERROR: failed to solve: process \"/bin/sh -c echo \\\"this variant does not build\\\" && exit 9\" did not complete successfully: exit code: 9"));
        assertEquals(List.of("shop-broken-linux-amd64"), List.copyOf(out.failures().keySet()));
    }

    @Test
    void aCacheThatCouldNotBeWrittenIsNotAFailureButIsNamed() {
        // with ignore-error=true buildx reports the failed export and succeeds; lines from a run against a closed port
        String refused = "error writing layer blob: failed to do request: Head \"https://127.0.0.1:5999/v2/nope/cache/blobs/"
                + "sha256:5d00\": dial tcp 127.0.0.1:5999: connect: connection refused";
        BakeOutput many = read(List.of("a", "b"), String.join("\n",
                "#8 [a] exporting cache to registry",
                "#8 preparing build cache for export 0.0s done",
                "#8 ERROR: " + refused,
                "#9 [b] exporting cache to registry",
                "#9 DONE 0.1s"));
        assertEquals(Map.of("a", refused), many.cacheExportErrors());
        assertEquals(Map.of(), many.failures());
        BakeOutput one = read(List.of("only"), "#8 exporting cache to registry\n#8 ERROR: " + refused);
        assertEquals(Map.of("only", refused), one.cacheExportErrors());
        assertEquals(Map.of(), one.failures());
    }

    @Test
    void aMissingCacheIsNotAFailure() {
        BakeOutput out = read(List.of("a", "b"), String.join("\n",
                "#5 [a] importing cache manifest from localhost:5000/cache:a-linux-amd64",
                "#5 ERROR: failed to configure registry cache importer: not found",
                "#6 [b 2/2] RUN false",
                "#6 ERROR: process \"/bin/sh -c false\" did not complete successfully: exit code: 1",
                "ERROR: failed to solve: process \"/bin/sh -c false\" did not complete successfully: exit code: 1"));
        assertEquals(List.of("b"), List.copyOf(out.failures().keySet()));
    }

    @Test
    void aSingleTargetRunHasNoNamesInItsSteps() {
        BakeOutput out = read(List.of("only"), "#5 [2/2] RUN false\n#5 ERROR: boom\nERROR: failed to solve: boom");
        assertEquals(Map.of("only", "boom"), out.failures());
    }

    @Test
    void registryHiccupsAreWorthAnotherTry() {
        org.junit.jupiter.api.Assertions.assertTrue(Baker.transientError(
                "unexpected status from HEAD request to http://localhost:5000/v2/it/x/manifests/a: 500 Internal Server Error"));
        org.junit.jupiter.api.Assertions
                .assertTrue(Baker.transientError("error writing layer blob: connection reset by peer: unavailable"));
        org.junit.jupiter.api.Assertions.assertFalse(Baker.transientError(
                "process \"/bin/sh -c exit 7\" did not complete successfully: exit code: 7"));
    }

    // lines copied from a bake without the base image mirror, where Docker Hub cannot be reached
    private static final String HUB_ERROR = "failed to do request: Head \"https://registry-1.docker.io/v2/library/busybox/manifests/1.35\": "
            + "dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host";

    @Test
    void anUnresolvedBaseIsNamedInTheErrorAndInTheOutput() {
        BakeOutput out = read(List.of("hello-bonjour-healthcheck-linux-arm64", "hello-hello-stamp-linux-amd64"),
                String.join("\n",
                        "#2 [hello-bonjour-healthcheck-linux-arm64 internal] load build definition from Dockerfile",
                        "#2 transferring dockerfile: 810B done",
                        "#2 DONE 0.0s",
                        "#3 [hello-bonjour-healthcheck-linux-arm64 internal] load metadata for docker.io/library/busybox:1.35",
                        "#3 ERROR: " + HUB_ERROR,
                        "------",
                        " > [hello-bonjour-healthcheck-linux-arm64 internal] load metadata for docker.io/library/busybox:1.35:",
                        "------",
                        "Dockerfile:3",
                        "   3 | >>> FROM busybox:1.35",
                        "ERROR: failed to solve: busybox:1.35: failed to resolve source metadata for docker.io/library/busybox:1.35: "
                                + HUB_ERROR));
        assertEquals(Map.of("hello-bonjour-healthcheck-linux-arm64",
                "failed to resolve source metadata for docker.io/library/busybox:1.35: " + HUB_ERROR), out.failures());
        assertEquals("docker.io/library/busybox:1.35", out.unresolvedBase());
    }

    @Test
    void buildxThatNamesTheTargetOfItsRootCauseIsReadToo() {
        // buildx 0.29: "ERROR: target T: failed to solve: ..."; the other target's step was cancelled
        BakeOutput out = read(List.of("hub-one-linux-arm64", "hub-two-linux-amd64"), String.join("\n",
                "#3 [hub-one-linux-arm64 internal] load metadata for registry-1.docker.io/library/busybox:1.35",
                "#3 ERROR: " + HUB_ERROR,
                "#4 [hub-two-linux-amd64 internal] load build definition from Dockerfile",
                "#4 CANCELED",
                "ERROR: target hub-one-linux-arm64: failed to solve: registry-1.docker.io/library/busybox:1.35: failed to resolve source "
                        + "metadata for registry-1.docker.io/library/busybox:1.35: " + HUB_ERROR));
        assertEquals(Map.of("hub-one-linux-arm64",
                "failed to resolve source metadata for registry-1.docker.io/library/busybox:1.35: " + HUB_ERROR),
                out.failures());
        assertEquals("registry-1.docker.io/library/busybox:1.35", out.unresolvedBase());
    }

    @Test
    void otherFailuresNameNoBase() {
        BakeOutput out = read(List.of("a"), "#5 [2/2] RUN false\n#5 ERROR: boom\nERROR: failed to solve: boom");
        org.junit.jupiter.api.Assertions.assertNull(out.unresolvedBase());
    }
}
