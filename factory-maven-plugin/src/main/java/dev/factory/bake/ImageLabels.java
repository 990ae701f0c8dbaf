package dev.factory.bake;

import dev.factory.docker.Git;
import dev.factory.io.OutputTimestamp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The OCI labels every image gets, and the build argument that pins its timestamps: one policy for both. */
public final class ImageLabels {
    private ImageLabels() {}

    /**
     * {@code org.opencontainers.image.*}: source (the project's SCM or home URL, when it has one), revision (the git commit
     * of {@code projectDir}, when it is in a repository), version, and created.
     *
     * @param outputTimestamp {@code project.build.outputTimestamp} as written in the pom (blank when unset)
     * @param buildStart when this build started: the created label without a pinned timestamp, so that factory:bake
     *     (package) and factory:publish (deploy) of one run label alike and the image pushed at deploy is the image tested
     *     before, digest for digest
     */
    public static Map<String, String> of(Path projectDir, String sourceUrl, String version, String outputTimestamp,
            Instant buildStart) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (sourceUrl != null) {
            labels.put("org.opencontainers.image.source", sourceUrl);
        }
        String revision = Git.revision(projectDir);
        if (revision != null) {
            labels.put("org.opencontainers.image.revision", revision);
        }
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.created",
                OutputTimestamp.parse(outputTimestamp).orElse(buildStart).toString());
        return labels;
    }

    /**
     * The build arguments the project adds to every target, part of each variant's key: {@code SOURCE_DATE_EPOCH} when
     * the project pins {@code project.build.outputTimestamp} (reproducible image timestamps), else none.
     */
    public static Map<String, String> buildArgs(String outputTimestamp) {
        Map<String, String> args = new LinkedHashMap<>();
        Optional<Instant> pinned = OutputTimestamp.parse(outputTimestamp);
        pinned.ifPresent(t -> args.put("SOURCE_DATE_EPOCH", String.valueOf(t.getEpochSecond())));
        return args;
    }
}
