package dev.factory.stitch;

/**
 * {@code $images} in fragments: {@code FROM $images.mirror("busybox:1.35") AS tools} applies the
 * base image mirror to a fragment's own stages too.
 */
public final class Images {
    private final Mirror mirror;

    Images(Mirror mirror) {
        this.mirror = mirror;
    }

    public String mirror(String reference) {
        return mirror.apply(reference);
    }
}
