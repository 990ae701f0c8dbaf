package dev.factory.repack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.EnvironmentException;
import dev.factory.io.ByteSize;
import dev.factory.io.Json;
import dev.factory.oci.BlobSource;
import dev.factory.oci.Descriptor;
import dev.factory.oci.FlatTree;
import dev.factory.oci.FsEntry;
import dev.factory.oci.Image;
import dev.factory.oci.ImageConfig;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.LayeredFilesystem;
import dev.factory.oci.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The built-in repack: reads an image's final filesystem once (streamed, whiteouts applied), spools
 * each distinct content compressed into a temporary store, plans the new layers ({@link LayerPlanner})
 * and writes them as zstd tars. Heap use does not grow with the content: file contents only stream
 * through fixed buffers; what is kept is one small record per path.
 */
public final class Repacker {
    /** Annotation on a repacked manifest naming its source. */
    public static final String SOURCE_ANNOTATION = "dev.factory.repack.source";
    /** The parts of the source's {@code config} that carry over: how to run the image. */
    private static final List<String> KEPT_CONFIG = List.of("User", "ExposedPorts", "Env", "Entrypoint", "Cmd",
            "Volumes",
            "WorkingDir", "Labels", "StopSignal", "Healthcheck", "Shell");

    private final RepackOptions options;
    private final Consumer<String> log;

    public Repacker(RepackOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /**
     * @param sourceName the source as users know it, e.g. {@code localhost:5000/app@sha256:...}, recorded in the history
     * @param workDir a directory for the spool and the layer files; the caller deletes it when done
     */
    public RepackedImage repack(Image source, String sourceName, Path workDir) {
        try {
            Files.createDirectories(workDir);
            List<LayerPlanner.Node> nodes = new ArrayList<>();
            FlatTree before = new FlatTree();
            try (ContentSpool spool = new ContentSpool(workDir.resolve("spool"))) {
                source.filesystem().walkTar((entry, content) -> {
                    if (entry.type() == FsEntry.Type.FILE) {
                        ContentSpool.Stored stored = spool.store(content);
                        nodes.add(new LayerPlanner.Node(entry, stored.sha256(), stored.spooledSize()));
                        before.add(entry.path(), entry.type(), entry.mode(), entry.uid(), entry.gid(),
                                entry.linkTarget(), stored.sha256());
                    } else {
                        nodes.add(new LayerPlanner.Node(entry, null, 0));
                        before.add(entry.path(), entry.type(), entry.mode(), entry.uid(), entry.gid(),
                                entry.linkTarget(), null);
                        content.transferTo(OutputStream.nullOutputStream());
                    }
                });
                List<LayerPlanner.PlannedLayer> plan = LayerPlanner.plan(nodes, options.targetSize(), sourceName);
                nodes.clear();
                List<LayerWriter.LayerFile> layers = new ArrayList<>();
                for (int i = 0; i < plan.size(); i++) {
                    Path file = workDir.resolve("layer-" + (i + 1) + ".tar.zst");
                    LayerWriter.LayerFile layer = LayerWriter.write(plan.get(i), spool, options.zstdLevel(), file);
                    log.accept("  layer " + (i + 1) + "/" + plan.size() + ": " + layer.entries() + " entries, "
                            + ByteSize.format(layer.uncompressedSize()) + " -> "
                            + ByteSize.format(layer.descriptor().size())
                            + " (" + layer.descriptor().digest().substring(7, 19) + ")");
                    layers.add(layer);
                }
                ImageConfig config = config(source, sourceName, layers);
                Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, config.digest(),
                        config.bytes().length);
                List<Descriptor> descriptors = layers.stream().map(LayerWriter.LayerFile::descriptor).toList();
                ImageManifest manifest = ImageManifest.oci(configDescriptor, descriptors,
                        Map.of(SOURCE_ANNOTATION, sourceName));
                String tree = selfCheck(before, layers, sourceName);
                return new RepackedImage(source.platform(), source.digest(), source.layersSize(),
                        source.manifest().layers().size(), manifest, config, layers, tree, before.size());
            }
        } catch (IOException e) {
            throw new EnvironmentException(
                    "Repacking " + sourceName + " failed: " + e.getMessage() + ". Check the free "
                            + "space under " + workDir + " and that the source is readable, then run again.",
                    e);
        }
    }

    /**
     * Reads the new layers back and compares their flattened tree with the source's: a difference is
     * Factory's own bug, and stops the repack before anything is pushed.
     */
    private static String selfCheck(FlatTree before, List<LayerWriter.LayerFile> layers, String sourceName)
            throws IOException {
        Map<String, Path> files = new java.util.HashMap<>();
        layers.forEach(l -> files.put(l.descriptor().digest(), l.file()));
        BlobSource local = new BlobSource() {
            @Override
            public java.io.InputStream open(Descriptor blob) throws IOException {
                return Files.newInputStream(files.get(blob.digest()));
            }

            @Override
            public String describe() {
                return "the repacked layers";
            }
        };
        List<LayeredFilesystem.Layer> stack = layers.stream()
                .map(l -> new LayeredFilesystem.Layer(l.descriptor(), local)).toList();
        FlatTree after = FlatTree.of(new LayeredFilesystem(stack));
        if (!before.digest().equals(after.digest())) {
            throw new EnvironmentException("Repacking " + sourceName
                    + " produced a filesystem that differs from the source, "
                    + "so nothing was pushed. This is a Factory bug; please report it with these first differences: "
                    + String.join("; ", before.differences(after, 5)));
        }
        return after.digest();
    }

    /** The source's config with the new rootfs and a history that says where the image came from. */
    static ImageConfig config(Image source, String sourceName, List<LayerWriter.LayerFile> layers) {
        JsonNode old = source.config().json();
        ObjectNode config = Json.object();
        for (String key : List.of("created", "author", "architecture", "os", "os.version", "variant")) {
            if (old.hasNonNull(key)) {
                config.set(key, old.get(key));
            }
        }
        JsonNode oldRun = old.path("config");
        ObjectNode run = config.putObject("config");
        for (String key : KEPT_CONFIG) {
            if (oldRun.hasNonNull(key)) {
                run.set(key, sortedIfObject(oldRun.get(key)));
            }
        }
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.diffId()));
        ArrayNode history = config.putArray("history");
        String created = old.path("created").asText(null);
        for (int i = 0; i < layers.size(); i++) {
            ObjectNode h = history.addObject();
            if (created != null) {
                h.put("created", created);
            }
            h.put("created_by", "factory:repack");
            h.put("comment", "repacked from " + sourceName + " (layer " + (i + 1) + " of " + layers.size() + ")");
        }
        return ImageConfig.of(config);
    }

    /** Labels and port sets keep their meaning in any order; sorted keys make the config bytes stable. */
    private static JsonNode sortedIfObject(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        TreeMap<String, JsonNode> byKey = new TreeMap<>();
        node.properties().forEach(e -> byKey.put(e.getKey(), e.getValue()));
        ObjectNode sorted = Json.object();
        byKey.forEach(sorted::set);
        return sorted;
    }
}
