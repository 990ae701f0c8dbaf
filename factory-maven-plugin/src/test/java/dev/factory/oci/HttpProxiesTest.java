package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.EnvironmentException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Maven's {@code <proxy>} entries chosen per URL as Maven's resolver chooses them for repositories. */
class HttpProxiesTest {
    private static HttpProxies.HttpProxy proxy(String id, String protocol, String host, String nonProxyHosts) {
        return new HttpProxies.HttpProxy(id, protocol, host, 3128, null, null, nonProxyHosts, null);
    }

    private static Optional<String> chosen(HttpProxies proxies, String uri) {
        return proxies.forUri(URI.create(uri)).map(HttpProxies.HttpProxy::id);
    }

    @Test
    void theFirstProxyOfTheUrlsSchemeWins() {
        HttpProxies p = new HttpProxies(List.of(proxy("plain", "http", "a", null), proxy("tls", "https", "b", null),
                proxy("tls2", "https", "c", null)));
        assertEquals(Optional.of("plain"), chosen(p, "http://registry.example.com/v2/"));
        assertEquals(Optional.of("tls"), chosen(p, "https://registry.example.com/v2/"));
    }

    @Test
    void httpsFallsBackToTheHttpProxyAsMavensResolverDoes() {
        HttpProxies p = new HttpProxies(List.of(proxy("corp", "http", "a", null)));
        assertEquals(Optional.of("corp"), chosen(p, "https://ghcr.io/v2/"));
        HttpProxies onlyHttps = new HttpProxies(List.of(proxy("tls", "https", "b", null)));
        assertEquals(Optional.empty(), chosen(onlyHttps, "http://127.0.0.1:5000/v2/"), "no fallback the other way");
    }

    @Test
    void aMissingProtocolMeansHttpAsInSettingsXml() {
        assertEquals(Optional.of("p"), chosen(new HttpProxies(List.of(proxy("p", null, "a", null))), "http://x/v2/"));
    }

    @Test
    void nonProxyHostsAreWildcardsWithoutCaseSeparatedByBars() {
        HttpProxies p = new HttpProxies(
                List.of(proxy("corp", "http", "a", "localhost|*.Internal.example.com| 10.0.* ,ghcr.io")));
        assertEquals(Optional.empty(), chosen(p, "http://localhost:5000/v2/"));
        assertEquals(Optional.empty(), chosen(p, "https://registry.internal.example.com/v2/"));
        assertEquals(Optional.empty(), chosen(p, "http://10.0.3.4:5000/v2/"));
        assertEquals(Optional.empty(), chosen(p, "https://ghcr.io/v2/"));
        assertEquals(Optional.of("corp"), chosen(p, "https://internal.example.com.evil.org/v2/"),
                "a pattern matches the whole host");
        assertEquals(Optional.of("corp"), chosen(p, "http://127.0.0.1:5000/v2/"), "loopback is proxied unless listed");
    }

    @Test
    void aProxyThatExcludesTheHostLeavesTheNextOne() {
        HttpProxies p = new HttpProxies(
                List.of(proxy("first", "http", "a", "*.example.com"), proxy("second", "http", "b", null)));
        assertEquals(Optional.of("second"), chosen(p, "http://registry.example.com/v2/"));
        assertEquals(Optional.of("first"), chosen(p, "http://ghcr.io/v2/"));
    }

    @Test
    void theSelectorGivesJavaTheSameChoice() {
        HttpProxies p = new HttpProxies(List.of(proxy("corp", "http", "127.0.0.1", "localhost")));
        List<Proxy> via = p.selector().select(URI.create("http://127.0.0.1:5000/v2/"));
        assertEquals(Proxy.Type.HTTP, via.get(0).type());
        assertEquals(3128, ((InetSocketAddress) via.get(0).address()).getPort());
        assertEquals(List.of(Proxy.NO_PROXY), p.selector().select(URI.create("http://localhost:5000/v2/")));
    }

    @Test
    void proxyCredentialsGoOnlyWithRequestsThatGoThroughThatProxy() {
        HttpProxies p = new HttpProxies(List.of(
                new HttpProxies.HttpProxy("corp", "http", "127.0.0.1", 3128, "alice", "pw", "localhost", null),
                new HttpProxies.HttpProxy("anonymous", "https", "127.0.0.1", 3129, null, null, null, null)));
        assertEquals(Optional.of("Basic " + java.util.Base64.getEncoder().encodeToString("alice:pw".getBytes())),
                p.proxyAuthorization(URI.create("http://127.0.0.1:5000/v2/")));
        assertEquals(Optional.empty(), p.proxyAuthorization(URI.create("http://localhost:5000/v2/")), "direct");
        assertEquals(Optional.empty(), p.proxyAuthorization(URI.create("https://ghcr.io/v2/")),
                "a proxy without credentials");
    }

    @Test
    void basicThroughTunnelsIsAllowedOnlyForAProxyWithCredentialsAndNeverOverTheUsersSetting() {
        String key = HttpProxies.TUNNELING_DISABLED_SCHEMES;
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            assertFalse(new HttpProxies(List.of(proxy("anonymous", "http", "a", null))).allowBasicForTunnels());
            assertNull(System.getProperty(key));
            HttpProxies withCredentials = new HttpProxies(List.of(
                    new HttpProxies.HttpProxy("corp", "http", "a", 3128, "alice", "pw", null, null)));
            System.setProperty(key, "Basic,Digest");
            assertFalse(withCredentials.allowBasicForTunnels());
            assertEquals("Basic,Digest", System.getProperty(key), "the user's own setting stays");
            System.clearProperty(key);
            assertTrue(withCredentials.allowBasicForTunnels());
            assertEquals("", System.getProperty(key));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void aProxyWhosePasswordCannotBeDecryptedIsNamedWhenItWouldBeUsed() {
        HttpProxies p = new HttpProxies(
                List.of(new HttpProxies.HttpProxy("corp", "http", "proxy.example.com", 3128, "alice",
                        null, "localhost", "Failed to decrypt password for proxy corp: bad padding")));
        assertTrue(p.usableFor(URI.create("http://localhost:5000/v2/")).isEmpty());
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> p.usableFor(URI.create("https://ghcr.io/v2/")));
        assertTrue(e.getMessage().startsWith("The password of the <proxy> 'corp' (proxy.example.com:3128) of Maven's "
                + "settings.xml cannot be decrypted: Failed to decrypt password for proxy corp: bad padding."),
                e.getMessage());
    }
}
