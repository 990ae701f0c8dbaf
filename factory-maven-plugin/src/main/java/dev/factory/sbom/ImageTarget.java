package dev.factory.sbom;

/**
 * One image to describe: a build's image for one platform, as bake left it in {@code image.json}.
 *
 * @param build the build id
 * @param platform e.g. {@code linux/amd64}
 * @param image the repository, e.g. {@code localhost:5000/factory/orders-api}
 * @param tag the build's main tag
 * @param ref the per-platform reference to read, e.g. {@code repo:tag-linux-amd64}
 * @param digest the image manifest digest ({@code sha256:...}), or null when bake did not report one
 * @param pushed whether the image is in the registry (else only in the local engine)
 */
public record ImageTarget(String build, String platform, String image, String tag, String ref, String digest,
        boolean pushed) {

    /** How the image is named in messages: its reference and platform. */
    public String describe() {
        return ref + " (" + platform + ")";
    }
}
