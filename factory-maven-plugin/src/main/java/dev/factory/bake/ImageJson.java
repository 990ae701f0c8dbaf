package dev.factory.bake;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.factory.BadInputException;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code builds/<build>/image.json}: what bake produced for one build, read by test, sbom, record and
 * repack. One entry per platform; a platform whose build failed has status {@code failed} and an error. A platform
 * that a passing record vouches for (same key, same image digest) carries {@code reused}: test, sbom and record leave
 * it alone. Bound by Jackson (components in order are the keys, see {@link Json}); schema {@code image.schema.json}.
 *
 * @param image the repository, e.g. {@code localhost:5000/factory/orders-api}
 * @param tag the build's main tag (the multi-arch tag after a push)
 * @param fingerprint the stitch fingerprint the images were built from
 * @param pushed whether the images are in the registry (else only in the local engine)
 * @param indexDigest the multi-arch index digest after a push and merge, else null
 */
@JsonPropertyOrder("schema")
public record ImageJson(String build, String manifestId, String image, String tag, String fingerprint, boolean pushed,
        String indexDigest, List<PlatformImage> platforms) {
    public static final String SCHEMA = "factory.image/v1";
    public static final String FILE = "image.json";

    public ImageJson {
        platforms = platforms == null ? List.of() : platforms;
    }

    /** Always {@value #SCHEMA}: written first, checked by the schema. */
    @JsonProperty("schema")
    public String schema() {
        return SCHEMA;
    }

    /**
     * One platform's image.
     *
     * @param ref the per-platform reference to run or pull, e.g. {@code repo:tag-linux-arm64}
     * @param digest the image manifest digest ({@code sha256:...}), null when not built
     * @param status {@code built} or {@code failed}
     * @param error why the build failed, else null
     * @param builtBy the buildx builder and node that built it ({@code factory-farm/farm-arm64}), null when unknown
     * @param key the variant key of this platform ({@link dev.factory.stitch.VariantKey}); null without a base digest
     * @param reused the passing record that vouches for this image, when it is not tested, SBOM'd or recorded again
     */
    // isReused() is a question, not a key of the file
    @JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public record PlatformImage(String platform, String ref, String digest, String status, String error,
            @JsonInclude(JsonInclude.Include.NON_NULL) String builtBy,
            @JsonInclude(JsonInclude.Include.NON_NULL) String key,
            @JsonInclude(JsonInclude.Include.NON_NULL) Reused reused) {
        public PlatformImage(String platform, String ref, String digest, String status, String error) {
            this(platform, ref, digest, status, error, null, null, null);
        }

        public PlatformImage(String platform, String ref, String digest, String status, String error, String builtBy) {
            this(platform, ref, digest, status, error, builtBy, null, null);
        }

        public boolean built() {
            return "built".equals(status);
        }

        /** Built (or still there from an earlier run) and vouched for by a passing record of the same key and digest. */
        public boolean isReused() {
            return reused != null && built();
        }
    }

    /**
     * The record that vouches for a reused image: same key, same image digest, status pass.
     *
     * @param record where it is, as shown to the user (a path relative to the project, or registry/repo@digest)
     * @param created when it was made ({@code 2026-11-25T10:15:30Z})
     * @param run the test run it records
     * @param baked whether bake built the image again this run (a reproducible build: same digest) rather than
     *     finding it where it went
     */
    public record Reused(String record, String created, String run, boolean baked) {}

    /** {@code repo:tag}. */
    public String reference() {
        return image + ":" + tag;
    }

    public void write(Path buildDir) {
        try {
            // a rebuild that changed nothing leaves the file alone: a read is cheaper than a replace on slow disks
            AtomicFiles.writeIfChanged(buildDir.resolve(FILE), Json.bytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * image.json as read, or why it could not be (not baked, or a broken file), for goals that go on past one build.
     */
    public record Outcome(ImageJson image, String problem) {}

    /** Like {@link #read}, but a missing or broken file is an outcome, not an exception. */
    public static Outcome tryRead(Path buildDir, String build) {
        try {
            return new Outcome(read(buildDir, build), null);
        } catch (BadInputException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** The image.json of a build; absent means the build was never baked, which the message says. */
    public static ImageJson read(Path buildDir, String build) {
        Path file = buildDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Build " + build + " has no image: " + file
                    + " does not exist. Run factory:bake first "
                    + "(mvn package runs stitch and bake), or select only built manifests with factory.manifestId.");
        }
        try {
            return Json.bind(Json.read(file), ImageJson.class);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read (" + e.getMessage() + "); run factory:bake again.", e);
        }
    }

}
