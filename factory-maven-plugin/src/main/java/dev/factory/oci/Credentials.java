package dev.factory.oci;

import java.util.Optional;

/**
 * Registry credentials. {@link #toString()} never shows the secret; only {@link #source()} (where they
 * came from) and {@link #remedy()} (how to change them) may appear in messages.
 *
 * @param identityToken whether {@code secret} is an OAuth2 refresh token (the {@code <token>} user of credential helpers)
 * @param source e.g. {@code the auths entry for localhost:5000 in /home/me/.docker/config.json}
 * @param remedy what to do when the registry refuses them, as an imperative clause:
 *     {@code log in with 'docker login localhost:5000'}
 */
public record Credentials(String username, String secret, boolean identityToken, String source, String remedy) {

    /** Credentials from Docker's config: the remedy is {@code docker login}. */
    public Credentials(String username, String secret, boolean identityToken, String source) {
        this(username, secret, identityToken, source, null);
    }

    /** The remedy for a registry: the given one, else a fresh {@code docker login}. */
    public String remedyFor(String registry) {
        return remedy != null ? remedy : "log in with 'docker login " + registry + "'";
    }

    /** Finds credentials for a registry host; empty when there are none. */
    @FunctionalInterface
    public interface Provider {
        Optional<Credentials> forRegistry(String registry);

        /** Where this provider looked for {@code registry}'s credentials, for the message when it found none. */
        default String searched(String registry) {
            return "no credentials are stored for " + registry;
        }

        /** This provider first, then {@code next} (for registries this one has nothing for). */
        default Provider orElse(Provider next) {
            Provider first = this;
            return new Provider() {
                @Override
                public Optional<Credentials> forRegistry(String registry) {
                    Optional<Credentials> found = first.forRegistry(registry);
                    return found.isPresent() ? found : next.forRegistry(registry);
                }

                @Override
                public String searched(String registry) {
                    return first.searched(registry) + ", and " + next.searched(registry);
                }
            };
        }

        Provider NONE = registry -> Optional.empty();
    }

    @Override
    public String toString() {
        return "credentials of " + username + " from " + source;
    }
}
