package dev.factory.maven;

import dev.factory.oci.Credentials;
import dev.factory.oci.DockerConfig;
import dev.factory.oci.HttpProxies;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryAccess;
import dev.factory.oci.SettingsServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.SessionData;

/**
 * Maven's side of registry access: settings.xml's {@code <server>} entries (passwords decrypted by Maven's own
 * {@link SettingsDecrypter}, so {@code {...}} passwords and settings-security.xml work as for deploys) and its
 * active {@code <proxy>} entries, turned into the core's {@link RegistryAccess}, with Docker's config
 * ({@code DOCKER_CONFIG} honoured) after the servers. Resolved once per build: the result is kept in the
 * resolver session's data, which every goal of every project of the build shares (a parallel build clones the
 * Maven session, not that), so settings are decrypted and Docker's config read once, and tokens obtained by one
 * goal serve the next.
 */
final class RegistrySettings {
    /** This class (of this plugin's realm) keys the cache: another version of the plugin in the build keeps its own. */
    private static final Object KEY = RegistrySettings.class;

    private RegistrySettings() {}

    /** The build's registry clients for this set of insecure registries, made on first use and logged once. */
    static Registries registries(MavenSession session, SettingsDecrypter decrypter, Set<String> insecure,
            Map<String, String> env, Log log) {
        SessionData data = session.getRepositorySession().getData();
        Cache cache;
        synchronized (KEY) {
            cache = (Cache) data.get(KEY);
            if (cache == null) {
                cache = new Cache(session.getSettings(), decrypter, env);
                // said where settings.xml adds something; Docker's config alone is what every Docker tool does
                String line = "Registry access: " + cache.describe();
                if (cache.fromSettings()) {
                    log.info(line);
                } else {
                    log.debug(line);
                }
                data.set(KEY, cache);
            }
        }
        return cache.registries(insecure, log::info);
    }

    /** What settings.xml and Docker's config say, read once; one {@link Registries} per set of insecure registries. */
    static final class Cache {
        final SettingsServers servers;
        final HttpProxies proxies;
        final DockerConfig dockerConfig;
        private final Map<Set<String>, Registries> registries = new ConcurrentHashMap<>();

        Cache(Settings settings, SettingsDecrypter decrypter, Map<String, String> env) {
            this.servers = servers(settings, decrypter);
            this.proxies = proxies(settings, decrypter);
            this.dockerConfig = DockerConfig.load(env);
        }

        boolean fromSettings() {
            return !servers.isEmpty() || !proxies.isEmpty();
        }

        Registries registries(Set<String> insecure, Consumer<String> info) {
            return registries.computeIfAbsent(Set.copyOf(insecure), i -> {
                if (!i.isEmpty()) {
                    info.accept(
                            "Registries reached over plain HTTP (factory.insecureRegistries): " + String.join(", ", i));
                }
                Credentials.Provider credentials = servers.isEmpty() ? dockerConfig : servers.orElse(dockerConfig);
                return new Registries(new RegistryAccess(credentials, proxies, i), 0);
            });
        }

        /** One line: where credentials come from and which proxies apply; never a secret. */
        String describe() {
            StringBuilder s = new StringBuilder("credentials from ");
            if (!servers.isEmpty()) {
                s.append("Maven's settings.xml (<server> id = registry host[:port]), then ");
            }
            s.append("Docker's config (").append(dockerConfig.file()).append(')');
            for (HttpProxies.HttpProxy p : proxies.proxies()) {
                s.append("; proxy '").append(p.id()).append("' ").append(p.host()).append(':').append(p.port())
                        .append(" for ").append(p.protocol() == null ? "http" : p.protocol());
                if (p.nonProxyHosts() != null && !p.nonProxyHosts().isBlank()) {
                    s.append(" except ").append(p.nonProxyHosts());
                }
                if (p.username() != null && !p.username().isEmpty()) {
                    s.append(" (as user '").append(p.username()).append("')");
                }
            }
            return s.toString();
        }
    }

    /** Every {@code <server>}, each decrypted on its own so that a problem is tied to the server that has it. */
    static SettingsServers servers(Settings settings, SettingsDecrypter decrypter) {
        List<SettingsServers.Server> out = new ArrayList<>();
        for (Server server : settings.getServers()) {
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            String problem = problem(result.getProblems());
            Server decrypted = result.getServer() != null ? result.getServer() : server;
            out.add(new SettingsServers.Server(server.getId(), decrypted.getUsername(),
                    problem == null ? decrypted.getPassword() : null, problem));
        }
        return new SettingsServers(out);
    }

    /** The active {@code <proxy>} entries, in order, decrypted like the servers. */
    static HttpProxies proxies(Settings settings, SettingsDecrypter decrypter) {
        List<HttpProxies.HttpProxy> out = new ArrayList<>();
        for (Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive()) {
                continue;
            }
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
            String problem = problem(result.getProblems());
            Proxy decrypted = result.getProxy() != null ? result.getProxy() : proxy;
            out.add(new HttpProxies.HttpProxy(proxy.getId(), proxy.getProtocol(), proxy.getHost(), proxy.getPort(),
                    decrypted.getUsername(), problem == null ? decrypted.getPassword() : null, proxy.getNonProxyHosts(),
                    problem));
        }
        return new HttpProxies(out);
    }

    private static String problem(List<SettingsProblem> problems) {
        return problems.stream().filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                .map(SettingsProblem::getMessage).findFirst().orElse(null);
    }
}
