package dev.factory.bake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.BadInputException;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code builds/<build>/image.json}: what bake produced for one build, read by test, sbom, record and
 * repack. One entry per platform; a platform whose build failed has status {@code failed} and an error. A platform
 * that a passing record vouches for (same key, same image digest) carries {@code reused}: test, sbom and record leave
 * it alone.
 *
 * @param image the repository, e.g. {@code localhost:5000/factory/orders-api}
 * @param tag the build's main tag (the multi-arch tag after a push)
 * @param fingerprint the stitch fingerprint the images were built from
 * @param pushed whether the images are in the registry (else only in the local engine)
 * @param indexDigest the multi-arch index digest after a push and merge, else null
 */
public record ImageJson(String build, String manifestId, String image, String tag, String fingerprint, boolean pushed,
                        String indexDigest, List<PlatformImage> platforms) {
    public static final String SCHEMA = "factory.image/v1";
    public static final String FILE = "image.json";

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
    public record PlatformImage(String platform, String ref, String digest, String status, String error, String builtBy,
                                String key, Reused reused) {
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

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("schema", SCHEMA);
        o.put("build", build);
        o.put("manifest_id", manifestId);
        o.put("image", image);
        o.put("tag", tag);
        o.put("fingerprint", fingerprint);
        o.put("pushed", pushed);
        o.put("index_digest", indexDigest);
        ArrayNode list = o.putArray("platforms");
        for (PlatformImage p : platforms) {
            ObjectNode e = list.addObject();
            e.put("platform", p.platform());
            e.put("ref", p.ref());
            e.put("digest", p.digest());
            e.put("status", p.status());
            e.put("error", p.error());
            if (p.builtBy() != null) {
                e.put("built_by", p.builtBy());
            }
            if (p.key() != null) {
                e.put("key", p.key());
            }
            if (p.reused() != null) {
                ObjectNode r = e.putObject("reused");
                r.put("record", p.reused().record());
                r.put("created", p.reused().created());
                r.put("run", p.reused().run());
                r.put("baked", p.reused().baked());
            }
        }
        return o;
    }

    public static ImageJson fromJson(JsonNode o) {
        List<PlatformImage> platforms = new ArrayList<>();
        for (JsonNode e : o.path("platforms")) {
            JsonNode r = e.path("reused");
            Reused reused = r.isObject() ? new Reused(r.path("record").asText(), Json.textOrNull(r, "created"),
                    Json.textOrNull(r, "run"), r.path("baked").asBoolean()) : null;
            platforms.add(new PlatformImage(e.path("platform").asText(), Json.textOrNull(e, "ref"), Json.textOrNull(e, "digest"),
                    e.path("status").asText(), Json.textOrNull(e, "error"), Json.textOrNull(e, "built_by"),
                    Json.textOrNull(e, "key"), reused));
        }
        return new ImageJson(o.path("build").asText(), o.path("manifest_id").asText(), o.path("image").asText(),
                o.path("tag").asText(), o.path("fingerprint").asText(), o.path("pushed").asBoolean(), Json.textOrNull(o, "index_digest"),
                platforms);
    }

    public void write(Path buildDir) {
        try {
            // a rebuild that changed nothing leaves the file alone: a read is cheaper than a replace on slow disks
            AtomicFiles.writeIfChanged(buildDir.resolve(FILE), Json.bytes(toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image.json of a build; absent means the build was never baked, which the message says. */
    public static ImageJson read(Path buildDir, String build) {
        Path file = buildDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Build " + build + " has no image: " + file + " does not exist. Run factory:bake first "
                    + "(mvn package runs stitch and bake), or select only built manifests with factory.manifestId.");
        }
        try {
            return fromJson(Json.read(file));
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read (" + e.getMessage() + "); run factory:bake again.", e);
        }
    }

}
