package dev.factory.oci;

import dev.factory.EnvironmentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registry credentials from Maven's {@code settings.xml}: a {@code <server>} whose {@code id} is the registry,
 * as {@code host:port} or as {@code host} alone (the first is tried first, so one registry of a host can have
 * credentials of its own). Docker Hub ({@code docker.io}) also answers to {@code index.docker.io},
 * {@code registry-1.docker.io} and {@code registry.hub.docker.com}. The passwords here are already decrypted
 * (the Maven layer decrypts them as Maven does); a server whose password could not be decrypted fails only
 * when a registry needs it, naming the server.
 */
public final class SettingsServers implements Credentials.Provider {
    private static final List<String> HUB_IDS = List.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com");

    /**
     * One {@code <server>}, as the Maven layer hands it over.
     *
     * @param password decrypted; null when the server has none (a key-only server, say), which then gives no credentials
     * @param problem why the password could not be decrypted (never the password), else null
     */
    public record Server(String id, String username, String password, String problem) {
        @Override
        public String toString() {
            return "server " + id;
        }
    }

    private final List<Server> servers;

    public SettingsServers(List<Server> servers) {
        this.servers = List.copyOf(servers);
    }

    public static final SettingsServers NONE = new SettingsServers(List.of());

    public boolean isEmpty() {
        return servers.isEmpty();
    }

    /** The server ids that name {@code registry}, in the order they are tried. */
    static List<String> idsFor(String registry) {
        List<String> ids = new ArrayList<>();
        ids.add(registry);
        String host = hostOf(registry);
        if (!host.equals(registry)) {
            ids.add(host);
        }
        if (ImageReference.DOCKER_HUB.equals(registry)) {
            HUB_IDS.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        }
        return ids;
    }

    /** {@code host:port} to {@code host}; {@code [::1]:5000} to {@code [::1]}. */
    static String hostOf(String registry) {
        int close = registry.indexOf(']');
        int colon = registry.indexOf(':', Math.max(close, 0));
        return colon < 0 ? registry : registry.substring(0, colon);
    }

    /** The server used for {@code registry}, if any (whether or not it has a usable password). */
    public Optional<Server> serverFor(String registry) {
        for (String id : idsFor(registry)) {
            for (Server s : servers) {
                if (s.id() != null && s.id().trim().toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT))) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Credentials> forRegistry(String registry) {
        Optional<Server> found = serverFor(registry);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Server s = found.get();
        String where = describe(s);
        if (s.problem() != null) {
            throw new EnvironmentException("The password of " + where + " (for the registry " + registry
                    + ") cannot be "
                    + "decrypted: " + s.problem() + ". Check the master password in settings-security.xml "
                    + "(~/.m2/settings-security.xml, or the file -Dsettings.security names), or encrypt the password again "
                    + "with mvn --encrypt-password.");
        }
        if (s.password() == null || s.password().isEmpty()) {
            return Optional.empty();
        }
        String user = s.username() == null ? "" : s.username();
        return Optional.of(new Credentials(user, s.password(), false, where, "correct the username and password of "
                + where + " (an encrypted password also needs the right master password in settings-security.xml)"));
    }

    @Override
    public String searched(String registry) {
        List<String> ids = idsFor(registry);
        return "no <server> with id " + (ids.size() == 1 ? "'" + ids.get(0) + "'"
                : "'" + String.join("' or '", ids) + "'") + " in Maven's settings.xml";
    }

    private static String describe(Server s) {
        return "the <server> with id '" + s.id() + "' in Maven's settings.xml";
    }
}
