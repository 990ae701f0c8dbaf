package dev.factory.stitch;

import dev.factory.manifest.Slot;
import java.util.List;

/**
 * A Dockerfile skeleton: {@code templates/<name>/Dockerfile.vm} with its {@code template.yaml}.
 *
 * @param slots the slots it places, in order; fragments of other slots are not rendered
 */
public record Template(String name, String version, String description, List<Slot> slots,
        String text, String file, String source, String sha256) {}
