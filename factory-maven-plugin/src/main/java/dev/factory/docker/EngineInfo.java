package dev.factory.docker;

/**
 * What the engine and buildx are: versions (for records and feature checks) and whether images live
 * in the containerd image store (needed for cache export and attestations with the default driver).
 *
 * @param platform the engine's own platform, such as linux/amd64
 */
public record EngineInfo(String dockerVersion, String buildxVersion, boolean containerdStore, String platform) {

    /** buildx {@code major.minor} at least the given one. */
    public boolean buildxAtLeast(int major, int minor) {
        int[] v = Versions.parse(buildxVersion);
        return v[0] > major || (v[0] == major && v[1] >= minor);
    }
}
