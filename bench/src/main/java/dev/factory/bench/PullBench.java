package dev.factory.bench;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Image;
import dev.factory.oci.ImageReference;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * A cold pull without an engine's caches in the way: fetch every layer of the image from the registry,
 * three at a time as dockerd does, and decompress each to its end (what a pull costs before the files
 * are written). Usage: PullBench RUNS REF... ; prints the compressed size and the median time per image.
 */
public final class PullBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Registries registries = Registries.fromDockerConfig();
        for (int a = 1; a < args.length; a++) {
            Image image = registries.open(ImageReference.parse(args[a]), Platform.parse("linux/amd64"));
            List<Long> nanos = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                pull(image);
                nanos.add(System.nanoTime() - start);
            }
            Collections.sort(nanos);
            System.out.printf("%s: %d layers, %.1f MB compressed, pull+decompress median of %d: %.2f s%n", args[a],
                    image.manifest().layers().size(), image.layersSize() / 1e6, runs, nanos.get(nanos.size() / 2) / 1e9);
        }
    }

    private static void pull(Image image) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (Descriptor layer : image.manifest().layers()) {
                done.add(pool.submit(() -> {
                    try (InputStream raw = new BufferedInputStream(image.blobs().open(layer), 1 << 16)) {
                        raw.mark(4);
                        int b0 = raw.read(), b1 = raw.read();
                        raw.reset();
                        InputStream plain = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16)
                                : b0 == 0x28 && b1 == 0xb5 ? new ZstdInputStreamNoFinalizer(raw) : raw;
                        return plain.transferTo(OutputStream.nullOutputStream());
                    }
                }));
            }
            for (Future<Long> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
