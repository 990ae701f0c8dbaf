package dev.factory.oci;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How Factory reaches registries, the same for every goal: whose credentials, through which proxies, and
 * which registries speak plain HTTP. The Maven layer resolves it once per build from settings.xml and Docker's
 * config; see {@link Registries}.
 *
 * @param credentials asked per registry host (settings.xml servers first, then Docker's config)
 * @param proxies Maven's active proxies; {@link HttpProxies#NONE} leaves the JVM's own proxy settings in force
 * @param insecure registries ({@code host[:port]}) reached over plain HTTP besides the loopback ones
 */
public record RegistryAccess(Credentials.Provider credentials, HttpProxies proxies, Set<String> insecure) {

    public RegistryAccess {
        insecure = Set.copyOf(insecure);
    }

    /** Only the given credentials: no proxies, no insecure registries besides localhost. */
    public static RegistryAccess of(Credentials.Provider credentials) {
        return new RegistryAccess(credentials, HttpProxies.NONE, Set.of());
    }

    /** {@code a:5000, b} (the form of {@code factory.insecureRegistries}) as a set; blank entries are dropped. */
    public static Set<String> parseInsecure(String commaSeparated) {
        Set<String> out = new LinkedHashSet<>();
        if (commaSeparated != null) {
            for (String s : commaSeparated.split(",")) {
                String r = s.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/+$", "");
                if (!r.isEmpty()) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
