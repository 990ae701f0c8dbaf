package dev.factory.oci;

import dev.factory.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * An OCI image layout directory: read an image out of it, or write one (blobs first, {@code index.json}
 * last, so a layout whose index exists is complete).
 */
public final class OciLayout {
    private final Path root;

    private OciLayout(Path root) {
        this.root = root;
    }

    public static OciLayout at(Path root) {
        return new OciLayout(root);
    }

    public Path root() {
        return root;
    }

    /** Reads one platform's image (the first index entry, or the one whose ref name is {@code ref}). */
    public Image image(String ref, Platform platform) throws IOException {
        return LayoutReader.open(files(), ref, platform, "the OCI layout " + root,
                "Write the layout again with that platform.");
    }

    public BlobSource blobs() {
        return LayoutReader.blobSource(files(), "the OCI layout " + root);
    }

    public Path blobPath(String digest) {
        return root.resolve(LayoutReader.blobName(digest));
    }

    /** Moves a finished blob file into the layout (replacing nothing that is already there: same digest, same bytes). */
    public void addBlob(Path file, String digest) throws IOException {
        Path target = blobPath(digest);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.delete(file);
            return;
        }
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    public void addBlob(byte[] bytes) throws IOException {
        Path target = blobPath(Digests.of(bytes));
        if (!Files.exists(target)) {
            AtomicFiles.write(target, bytes);
        }
    }

    /** Writes {@code oci-layout} and then {@code index.json} listing {@code manifests} (each may carry a ref name). */
    public void writeIndex(List<Descriptor> manifests) throws IOException {
        AtomicFiles.write(root.resolve("oci-layout"),
                "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(root.resolve("index.json"), ImageIndex.oci(manifests, Map.of()).bytes());
    }

    private LayoutReader.Files files() {
        return new LayoutReader.Files() {
            @Override
            public InputStream open(String name) throws IOException {
                Path p = root.resolve(name);
                return Files.isRegularFile(p) ? Files.newInputStream(p) : null;
            }

            @Override
            public long size(String name) {
                Path p = root.resolve(name);
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : -1;
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }
}
