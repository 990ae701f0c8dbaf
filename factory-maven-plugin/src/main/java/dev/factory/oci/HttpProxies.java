package dev.factory.oci;

import dev.factory.EnvironmentException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP proxies of Maven's {@code settings.xml}, chosen per URL the way Maven's resolver chooses them for
 * repositories: among the active proxies, in their order, the first whose {@code protocol} is the URL's scheme
 * and whose {@code nonProxyHosts} do not match the host; for an {@code https} URL without such a proxy, the first
 * {@code http} one. {@code nonProxyHosts} is a {@code |}-separated list of host names where {@code *} stands for
 * anything ({@code localhost|*.internal}), compared without case. A proxy is reached over plain HTTP (HTTPS
 * requests tunnel through it with CONNECT); its {@code username}/{@code password} answer its 407 challenge.
 *
 * <p>Java's HTTP client does not send Basic proxy credentials for HTTPS tunnels unless the JVM is started with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (empty); plain HTTP requests are not affected. Factory
 * cannot set that for the Maven JVM (it is read once, at start), so the message for a refused tunnel says so.
 */
public final class HttpProxies {

    /**
     * One active {@code <proxy>}.
     *
     * @param protocol the scheme of the URLs it serves: {@code http} or {@code https}
     * @param password decrypted; null for a proxy without authentication
     * @param problem why its password could not be decrypted (never the password), else null
     */
    public record HttpProxy(String id, String protocol, String host, int port, String username, String password,
                            String nonProxyHosts, String problem) {
        /** {@code the <proxy> 'corp' (proxy.example.com:3128) of Maven's settings.xml}. */
        public String describe() {
            return "the <proxy> '" + id + "' (" + host + ":" + port + ") of Maven's settings.xml";
        }

        boolean authenticates() {
            return username != null && !username.isEmpty();
        }

        @Override
        public String toString() {
            return "proxy " + id + " " + host + ":" + port;
        }
    }

    public static final HttpProxies NONE = new HttpProxies(List.of());

    private final List<HttpProxy> proxies;
    private final Map<HttpProxy, List<Pattern>> exclusions = new LinkedHashMap<>();

    /** @param proxies the active proxies, in the order of settings.xml */
    public HttpProxies(List<HttpProxy> proxies) {
        this.proxies = List.copyOf(proxies);
        for (HttpProxy p : this.proxies) {
            exclusions.put(p, patterns(p.nonProxyHosts()));
        }
    }

    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    public List<HttpProxy> proxies() {
        return proxies;
    }

    static List<Pattern> patterns(String nonProxyHosts) {
        List<Pattern> out = new ArrayList<>();
        if (nonProxyHosts == null) {
            return out;
        }
        for (String entry : nonProxyHosts.split("[|,]")) {
            String host = entry.trim();
            if (!host.isEmpty()) {
                out.add(Pattern.compile(Pattern.quote(host).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE));
            }
        }
        return out;
    }

    /** The proxy for {@code uri}, or empty for a direct connection. */
    public Optional<HttpProxy> forUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        HttpProxy sameScheme = null;
        HttpProxy http = null;
        for (HttpProxy p : proxies) {
            if (host != null && excluded(p, host)) {
                continue;
            }
            String protocol = p.protocol() == null || p.protocol().isBlank() ? "http" : p.protocol().trim().toLowerCase(Locale.ROOT);
            if (sameScheme == null && protocol.equals(scheme)) {
                sameScheme = p;
            }
            if (http == null && protocol.equals("http")) {
                http = p;
            }
        }
        if (sameScheme != null) {
            return Optional.of(sameScheme);
        }
        return scheme.equals("https") ? Optional.ofNullable(http) : Optional.empty();
    }

    private boolean excluded(HttpProxy p, String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return exclusions.get(p).stream().anyMatch(pattern -> pattern.matcher(host).matches() || pattern.matcher(bare).matches());
    }

    /**
     * The proxy for {@code uri}, checked: one whose password could not be decrypted is an
     * {@link EnvironmentException} naming it.
     */
    public Optional<HttpProxy> usableFor(URI uri) {
        Optional<HttpProxy> p = forUri(uri);
        if (p.isPresent() && p.get().problem() != null) {
            throw new EnvironmentException("The password of " + p.get().describe() + " cannot be decrypted: "
                    + p.get().problem() + ". Check the master password in settings-security.xml (~/.m2/settings-security.xml, "
                    + "or the file -Dsettings.security names), or encrypt the password again with mvn --encrypt-password.");
        }
        return p;
    }

    /** For Java's HTTP client: the proxy of each URI as {@link #forUri} chooses it. */
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(forUri(uri)
                        .map(p -> new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port())))
                        .orElse(Proxy.NO_PROXY));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // the client reports the failure itself; there is no other proxy to fall back to
            }
        };
    }

    /** For Java's HTTP client: answers a proxy's 407 with that proxy's credentials, and nothing else. */
    public Authenticator authenticator() {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    // registries are answered by RegistryClient itself (Basic or Bearer), never here
                    return null;
                }
                for (HttpProxy p : proxies) {
                    if (p.authenticates() && p.problem() == null && p.port() == getRequestingPort()
                            && p.host().equalsIgnoreCase(getRequestingHost())) {
                        return new PasswordAuthentication(p.username(),
                                (p.password() == null ? "" : p.password()).toCharArray());
                    }
                }
                return null;
            }
        };
    }
}
