package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An image manifest (OCI or Docker schema 2), or an OCI artifact manifest (a referrer, with subject and artifactType). */
public final class ImageManifest extends ManifestDocument {
    private final Descriptor config;
    private final List<Descriptor> layers;
    private final Descriptor subject;
    private final String artifactType;

    private ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations,
            Descriptor subject, String artifactType, byte[] bytes) {
        super(mediaType, annotations);
        this.config = config;
        this.layers = List.copyOf(layers);
        this.subject = subject;
        this.artifactType = artifactType;
        setBytes(bytes);
    }

    /** A new OCI image manifest. */
    public static ImageManifest oci(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        return new ImageManifest(MediaTypes.OCI_MANIFEST, config, layers, annotations, null, null, null);
    }

    /** A new OCI artifact manifest pointing at {@code subject} (a referrer). */
    public static ImageManifest artifact(String artifactType, Descriptor config, List<Descriptor> layers,
            Descriptor subject, Map<String, String> annotations) {
        return new ImageManifest(MediaTypes.OCI_MANIFEST, config, layers, annotations, subject, artifactType, null);
    }

    /** Parses manifest bytes; {@code mediaTypeHint} (e.g. a Content-Type) is used when the JSON has none. */
    public static ImageManifest parse(byte[] bytes, String mediaTypeHint) throws IOException {
        JsonNode root = Json.mapper().readTree(bytes);
        String mediaType = root.path("mediaType")
                .asText(mediaTypeHint == null ? MediaTypes.OCI_MANIFEST : mediaTypeHint);
        if (!root.has("config") || !root.path("layers").isArray()) {
            throw new IOException("not an image manifest (no config or layers)");
        }
        List<Descriptor> layers = new ArrayList<>();
        root.path("layers").forEach(n -> layers.add(Descriptor.fromJson(n)));
        Descriptor subject = root.has("subject") ? Descriptor.fromJson(root.get("subject")) : null;
        String artifactType = root.hasNonNull("artifactType") ? root.get("artifactType").asText() : null;
        return new ImageManifest(mediaType, Descriptor.fromJson(root.get("config")), layers, annotationsOf(root),
                subject, artifactType, bytes);
    }

    @Override
    byte[] serialise() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", mediaType());
        if (artifactType != null) {
            o.put("artifactType", artifactType);
        }
        o.set("config", config.toJson());
        ArrayNode list = o.putArray("layers");
        layers.forEach(l -> list.add(l.toJson()));
        if (subject != null) {
            o.set("subject", subject.toJson());
        }
        return finish(o);
    }

    public Descriptor config() {
        return config;
    }

    public List<Descriptor> layers() {
        return layers;
    }

    public Descriptor subject() {
        return subject;
    }

    public String artifactType() {
        return artifactType;
    }
}
