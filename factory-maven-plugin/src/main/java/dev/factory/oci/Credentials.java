package dev.factory.oci;

/**
 * Registry credentials. {@link #toString()} never shows the secret; only {@link #source()} (where they
 * came from) may appear in messages.
 *
 * @param identityToken whether {@code secret} is an OAuth2 refresh token (the {@code <token>} user of credential helpers)
 * @param source e.g. {@code the auths entry for localhost:5000 in /home/me/.docker/config.json}
 */
public record Credentials(String username, String secret, boolean identityToken, String source) {

    /** Finds credentials for a registry host; empty when there are none. */
    @FunctionalInterface
    public interface Provider {
        java.util.Optional<Credentials> forRegistry(String registry);

        Provider NONE = registry -> java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return "credentials of " + username + " from " + source;
    }
}
