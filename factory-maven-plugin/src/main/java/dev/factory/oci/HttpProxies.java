package dev.factory.oci;

import dev.factory.EnvironmentException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
 * requests tunnel through it with CONNECT); its {@code username}/{@code password} go to it as Basic
 * {@code Proxy-Authorization} ({@link #proxyAuthorization}).
 *
 * <p>Java's HTTP client does not send Basic proxy credentials when it opens an HTTPS tunnel unless
 * {@code jdk.http.auth.tunneling.disabledSchemes} is empty; {@link #allowBasicForTunnels} sees to that when a proxy
 * has credentials, and the message for a refused tunnel says what to set where that came too late.
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
            String protocol = p.protocol() == null || p.protocol().isBlank() ? "http"
                    : p.protocol().trim().toLowerCase(Locale.ROOT);
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
        return exclusions.get(p).stream()
                .anyMatch(pattern -> pattern.matcher(host).matches() || pattern.matcher(bare).matches());
    }

    /**
     * The proxy for {@code uri}, checked: one whose password could not be decrypted is an
     * {@link EnvironmentException} naming it.
     */
    public Optional<HttpProxy> usableFor(URI uri) {
        Optional<HttpProxy> p = forUri(uri);
        if (p.isPresent() && p.get().problem() != null) {
            throw new EnvironmentException("The password of " + p.get().describe() + " cannot be decrypted: "
                    + p.get().problem()
                    + ". Check the master password in settings-security.xml (~/.m2/settings-security.xml, "
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

    /**
     * The {@code Proxy-Authorization} value for a request to {@code uri}: Basic with the credentials of the proxy it
     * goes through, empty when it goes direct or through a proxy without credentials. Sent with every such request
     * rather than through an {@link java.net.Authenticator}: a client with an Authenticator answers the registries'
     * own Basic challenges too, which {@link RegistryClient} answers itself (Basic or Bearer, with the registry's
     * credentials). Java's client sends proxy headers only to the proxy: never to a server, directly or in a tunnel.
     */
    public Optional<String> proxyAuthorization(URI uri) {
        return forUri(uri).filter(p -> p.authenticates() && p.problem() == null).map(p -> "Basic " + Base64.getEncoder()
                .encodeToString((p.username() + ":" + (p.password() == null ? "" : p.password()))
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether any proxy has credentials. */
    public boolean authenticates() {
        return proxies.stream().anyMatch(HttpProxy::authenticates);
    }

    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /**
     * Lets Java's HTTP client send Basic proxy credentials when it opens an HTTPS tunnel (CONNECT), which it refuses by
     * default: only when settings.xml gives a proxy credentials (the user asked for them to be sent) and the JVM was
     * not told otherwise. Java reads the property once, when its HTTP client is first used in the JVM, so this is done
     * before Factory makes any client; if something else used the client first, the message for a refused tunnel says
     * what to set instead.
     *
     * @return whether the property was set here
     */
    public boolean allowBasicForTunnels() {
        if (!authenticates()) {
            return false;
        }
        synchronized (HttpProxies.class) {
            if (System.getProperty(TUNNELING_DISABLED_SCHEMES) != null) {
                return false;
            }
            System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
            return true;
        }
    }
}
