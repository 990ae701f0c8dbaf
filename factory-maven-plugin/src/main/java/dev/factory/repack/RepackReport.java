package dev.factory.repack;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code builds/<build>/repack.json}: what factory:repack made of one build. Bound by Jackson (components in order
 * are the keys, see {@link dev.factory.io.Json}); schema {@code repack.schema.json}.
 *
 * @param engine {@code builtin} or {@code docker-repack}
 * @param source the image that was repacked ({@code repo:tag})
 * @param output {@code registry} or {@code oci-layout}
 * @param digest the repacked image (an index over the platforms)
 */
@JsonPropertyOrder("schema")
record RepackReport(String build, String engine, String source, String output, String destination, String tag,
        String digest, long targetSize, int zstdLevel, List<Platform> platforms) {
    static final String SCHEMA = "factory.repack/v1";

    /** Always {@value #SCHEMA}: written first, checked by the schema. */
    @JsonProperty("schema")
    String schema() {
        return SCHEMA;
    }

    /** One platform's image before and after. */
    record Platform(String platform, String sourceDigest, String repackedDigest, long sizeBefore, long sizeAfter,
            int layersBefore, int layerCount, String treeDigest, int treeEntries) {
        static Platform of(RepackedImage r) {
            return new Platform(r.platform() == null ? null : r.platform().toString(), r.sourceDigest(), r.digest(),
                    r.sourceSize(), r.size(), r.sourceLayers(), r.layers().size(), r.treeDigest(), r.treeEntries());
        }
    }
}
