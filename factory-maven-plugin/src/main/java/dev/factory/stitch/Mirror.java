package dev.factory.stitch;

import dev.factory.BadInputException;

/**
 * The base image mirror ({@code factory.mirror=REGISTRY/PREFIX}): public references such as
 * {@code debian:bookworm-slim} or {@code docker.io/library/debian:bookworm-slim} become
 * {@code REGISTRY/PREFIX/debian:bookworm-slim}, for air-gapped builds. References that already name a
 * registry are left alone.
 */
public final class Mirror {
    private final String prefix;

    private Mirror(String prefix) {
        this.prefix = prefix;
    }

    public static Mirror none() {
        return new Mirror(null);
    }

    public static Mirror of(String setting) {
        if (setting == null || setting.isBlank()) {
            return none();
        }
        String p = setting.trim().replaceAll("/+$", "");
        if (p.contains(" ") || p.contains("@") || p.contains("://")) {
            throw new BadInputException("factory.mirror: '" + setting + "' is not a registry prefix. "
                    + "Write REGISTRY/PREFIX without a scheme, such as localhost:5000/lab or mirror.example.com/dockerhub.");
        }
        return new Mirror(p);
    }

    public boolean active() {
        return prefix != null;
    }

    public String prefix() {
        return prefix;
    }

    public String apply(String reference) {
        if (prefix == null || !isPublic(reference)) {
            return reference;
        }
        String ref = reference;
        if (ref.startsWith("docker.io/")) {
            ref = ref.substring("docker.io/".length());
        } else if (ref.startsWith("index.docker.io/")) {
            ref = ref.substring("index.docker.io/".length());
        }
        if (ref.startsWith("library/")) {
            ref = ref.substring("library/".length());
        }
        return prefix + "/" + ref;
    }

    /** Docker Hub references: no registry host in the first path component (or docker.io itself). */
    static boolean isPublic(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return true;
        }
        String first = reference.substring(0, slash);
        if (first.equals("docker.io") || first.equals("index.docker.io")) {
            return true;
        }
        return !(first.contains(".") || first.contains(":") || first.equals("localhost"));
    }
}
