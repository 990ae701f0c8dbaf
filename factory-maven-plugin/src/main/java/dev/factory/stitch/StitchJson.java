package dev.factory.stitch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code builds/<build>/stitch.json}: where one build's Dockerfile came from, each input with its sha256, and the
 * stitch fingerprint over them. Bound by Jackson (components in order are the keys, see {@link Json}); schema
 * {@code stitch.schema.json}. Record and test read the manifest digest and the fragments' parameters from it.
 *
 * @param plan null for a manifest's own build
 * @param variant axis to value, in the plan's order; empty without a plan
 */
@JsonPropertyOrder("schema")
public record StitchJson(String build, Input manifest, Input plan, Map<String, String> variant, Base base,
        TemplateUse template, List<FragmentEntry> fragments, FileRef dockerfile, FileRef dockerignore,
        String fingerprint) {
    public static final String SCHEMA = "factory.stitch/v1";
    public static final String FILE = "stitch.json";

    public StitchJson {
        variant = variant == null ? Map.of() : variant;
        fragments = fragments == null ? List.of() : fragments;
    }

    /** Always {@value #SCHEMA}: written first, checked by the schema. */
    @JsonProperty("schema")
    public String schema() {
        return SCHEMA;
    }

    /** A manifest or plan file: its id, its path relative to the project, sha256 (hex) of its bytes. */
    public record Input(String id, String file, String sha256) {}

    /**
     * The base image.
     *
     * @param declared as the manifest or plan names it
     * @param resolved after factory.mirror; what the Dockerfile's FROM names (plus the digest when pinned)
     * @param digest the index digest (or manifest digest) it resolved to; null when unknown
     * @param platforms the image manifest digest per platform of the build, as far as known
     * @param pinned whether FROM names the digest
     */
    public record Base(String declared, String resolved, String digest, Map<String, String> platforms, boolean pinned) {
        public Base {
            platforms = platforms == null ? Map.of() : platforms;
        }
    }

    public record TemplateUse(String name, String version, String source, String sha256) {}

    /** A fragment as rendered, with the parameter values it was rendered with. */
    public record FragmentEntry(String slot, String name, String version, String source, String sha256,
            Map<String, Object> params) {
        public FragmentEntry {
            params = params == null ? Map.of() : params;
        }
    }

    /** A written file, relative to the project, and sha256 (hex) of its bytes. */
    public record FileRef(String path, String sha256) {}

    /** The same file with the base's digests, once they are known. */
    StitchJson withBase(Base resolvedBase) {
        return new StitchJson(build, manifest, plan, variant, resolvedBase, template, fragments, dockerfile,
                dockerignore,
                fingerprint);
    }

    public static StitchJson read(Path file) throws IOException {
        return Json.bind(Json.read(file), StitchJson.class);
    }
}
