package dev.factory.bake;

import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import dev.factory.manifest.Platforms;
import dev.factory.stitch.StitchedBuild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins pushed per-platform images ({@code repo:tag-linux-amd64}, {@code repo:tag-linux-arm64}) into
 * the multi-arch tags ({@code repo:tag}) with {@code docker buildx imagetools create}: right after a
 * push, or in a last CI job after per-architecture jobs ({@code factory:merge}).
 */
public final class Merger {
    private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");

    private Merger() {}

    /** Creates every tag of the build as an index over the given platforms; returns the index digest. */
    public static String join(Docker docker, StitchedBuild build, List<String> platforms, Consumer<String> log) {
        List<String> args = new ArrayList<>(List.of("buildx", "imagetools", "create", "--progress", "plain"));
        for (String tag : build.tags()) {
            args.add("-t");
            args.add(build.image() + ":" + tag);
        }
        for (String platform : platforms) {
            args.add(build.image() + ":" + build.tags().get(0) + "-" + Platforms.slug(platform));
        }
        docker.require(args, Duration.ofMinutes(10), "Joining the platforms of " + build.build() + " into " + build.image() + ":" + build.tags().get(0));
        String digest = indexDigest(docker, build.image() + ":" + build.tags().get(0));
        log.accept("multi-arch " + build.image() + ":" + String.join(",", build.tags()) + " = " + digest + " (" + String.join(", ", platforms) + ")");
        return digest;
    }

    static String indexDigest(Docker docker, String ref) {
        String out = docker.require(List.of("buildx", "imagetools", "inspect", ref, "--format", "{{json .Manifest}}"),
                Duration.ofMinutes(2), "Reading the digest of " + ref);
        Matcher m = DIGEST.matcher(out);
        if (!m.find()) {
            throw new EnvironmentException("docker buildx imagetools inspect " + ref + " printed no digest: " + out);
        }
        return m.group(1);
    }
}
