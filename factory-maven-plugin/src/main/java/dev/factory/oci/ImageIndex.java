package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An image index (OCI) or manifest list (Docker). Read ones keep their bytes; built ones serialise reproducibly. */
public final class ImageIndex extends ManifestDocument {
    private final List<Descriptor> manifests;

    private ImageIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations, byte[] bytes) {
        super(mediaType, annotations);
        this.manifests = List.copyOf(manifests);
        setBytes(bytes);
    }

    public static ImageIndex oci(List<Descriptor> manifests, Map<String, String> annotations) {
        return new ImageIndex(MediaTypes.OCI_INDEX, manifests, annotations, null);
    }

    /** An index of the given media type: {@link MediaTypes#OCI_INDEX} or {@link MediaTypes#DOCKER_MANIFEST_LIST}. */
    public static ImageIndex of(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
        return new ImageIndex(mediaType, manifests, annotations, null);
    }

    public static ImageIndex parse(byte[] bytes, String mediaTypeHint) throws IOException {
        JsonNode root = Json.mapper().readTree(bytes);
        if (!root.path("manifests").isArray()) {
            throw new IOException("not an image index (no manifests)");
        }
        List<Descriptor> list = new ArrayList<>();
        root.path("manifests").forEach(n -> list.add(Descriptor.fromJson(n)));
        return new ImageIndex(
                root.path("mediaType").asText(mediaTypeHint == null ? MediaTypes.OCI_INDEX : mediaTypeHint),
                list, annotationsOf(root), bytes);
    }

    @Override
    byte[] serialise() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", mediaType());
        ArrayNode list = o.putArray("manifests");
        manifests.forEach(m -> list.add(m.toJson()));
        return finish(o);
    }

    public List<Descriptor> manifests() {
        return manifests;
    }

    /** Image entries with a known platform (buildx attestation manifests, {@code unknown/unknown}, are left out). */
    public List<Descriptor> platformManifests() {
        List<Descriptor> out = new ArrayList<>();
        for (Descriptor d : manifests) {
            if (d.platform() != null && !d.platform().isUnknown()
                    && !"attestation-manifest".equals(d.annotations().get("vnd.docker.reference.type"))) {
                out.add(d);
            }
        }
        return out;
    }
}
