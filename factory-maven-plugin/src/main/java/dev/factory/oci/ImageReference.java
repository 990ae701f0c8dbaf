package dev.factory.oci;

import dev.factory.BadInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference {@code [registry/]repository[:tag][@digest]}, read as the docker CLI reads it:
 * the first component is a registry when it has a dot or a port or is {@code localhost}; otherwise the
 * registry is Docker Hub and one-component names live under {@code library/}.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern REPOSITORY = Pattern
            .compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputException(
                    "An image reference is empty; write REGISTRY/REPOSITORY:TAG, e.g. localhost:5000/app:1.0.");
        }
        String rest = text.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!Digests.isDigest(digest)) {
                throw new BadInputException(
                        "'" + text + "' has a malformed digest: write @sha256: followed by 64 hex digits.");
            }
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new BadInputException(
                        "'" + text + "' has an invalid tag '" + tag + "': tags are letters, digits, "
                                + "'_', '.' and '-', up to 128 characters.");
            }
        }
        String registry = registryIn(rest);
        String repository = registry == null ? rest : rest.substring(registry.length() + 1);
        if (registry == null) {
            registry = DOCKER_HUB;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new BadInputException(
                    "'" + text + "' is not a valid image name: repositories are lower-case letters, "
                            + "digits and separators (. _ -), in path components joined by '/'.");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry.toLowerCase(Locale.ROOT), repository, tag, digest);
    }

    /**
     * The registry a name begins with ({@code localhost:5000/lab/app} is {@code localhost:5000}), or null when its first
     * component is no host and the name is Docker Hub's ({@code team/app}, {@code busybox}). The one place this rule lives.
     */
    public static String registryIn(String name) {
        int slash = name.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String head = name.substring(0, slash);
        return head.contains(".") || head.contains(":") || head.equals("localhost") ? head : null;
    }

    /** The tag, or the digest when there is one: what a manifest request names. */
    public String reference() {
        return digest != null ? digest : tag;
    }

    public ImageReference withDigest(String newDigest) {
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** {@code registry/repository}, as in a pull. */
    public String name() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
