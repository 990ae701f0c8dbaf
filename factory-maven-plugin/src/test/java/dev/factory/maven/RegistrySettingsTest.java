package dev.factory.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.EnvironmentException;
import dev.factory.oci.Credentials;
import dev.factory.oci.HttpProxies;
import dev.factory.oci.SettingsServers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * settings.xml servers and proxies through Maven's own decrypter. The encrypted passwords and the
 * settings-security.xml beside this test were made by Maven itself ({@code mvn --encrypt-master-password
 * factory-it-master}, then {@code mvn --encrypt-password ... -Dsettings.security=...}), not by Factory.
 */
class RegistrySettingsTest {
    private static final String REGISTRY_PASSWORD = "Reg1stry-s3cret-for-factory";
    private static final String ENCRYPTED_REGISTRY_PASSWORD = "{rPepHZrJm4QHZqKCAyrraelfUb4tLC0nRk8dYX4JgOB8PXUvoPp0DcO9zOzvCIAj}";
    private static final String ENCRYPTED_PROXY_PASSWORD = "{t7WSi9yleUkH/54Wz7luwsqMt72vhd+BBHKBfkr3wPHuFIdBh3LHwIeLeLhcmMET}";

    private static SettingsDecrypter decrypter(String securityFile) {
        return new DefaultSettingsDecrypter(
                new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(), securityFile));
    }

    private static String securityFile() throws URISyntaxException {
        return Path.of(RegistrySettingsTest.class.getResource("settings-security.xml").toURI()).toString();
    }

    private static Server server(String id, String user, String password) {
        Server s = new Server();
        s.setId(id);
        s.setUsername(user);
        s.setPassword(password);
        return s;
    }

    private static Proxy proxy(String id, boolean active, String protocol, String password) {
        Proxy p = new Proxy();
        p.setId(id);
        p.setActive(active);
        p.setProtocol(protocol);
        p.setHost("127.0.0.1");
        p.setPort(8888);
        p.setUsername("proxy-user");
        p.setPassword(password);
        p.setNonProxyHosts("localhost");
        return p;
    }

    @Test
    void encryptedServerPasswordsAreDecryptedAsMavenDoes() throws Exception {
        Settings settings = new Settings();
        settings.addServer(server("127.0.0.1:5000", "factory", ENCRYPTED_REGISTRY_PASSWORD));
        settings.addServer(server("ghcr.io", "plain", "not-encrypted"));
        SettingsServers servers = RegistrySettings.servers(settings, decrypter(securityFile()));
        Credentials c = servers.forRegistry("127.0.0.1:5000").orElseThrow();
        assertEquals("factory", c.username());
        assertEquals(REGISTRY_PASSWORD, c.secret());
        assertEquals("not-encrypted", servers.forRegistry("ghcr.io").orElseThrow().secret());
    }

    @Test
    void withoutTheMasterPasswordOnlyTheEncryptedServerFailsAndItIsNamed() {
        Settings settings = new Settings();
        settings.addServer(server("127.0.0.1:5000", "factory", ENCRYPTED_REGISTRY_PASSWORD));
        settings.addServer(server("ghcr.io", "plain", "not-encrypted"));
        SettingsServers servers = RegistrySettings.servers(settings, decrypter("/nonexistent/settings-security.xml"));
        assertEquals("not-encrypted", servers.forRegistry("ghcr.io").orElseThrow().secret());
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> servers.forRegistry("127.0.0.1:5000"));
        assertTrue(e.getMessage()
                .startsWith("The password of the <server> with id '127.0.0.1:5000' in Maven's settings.xml "
                        + "(for the registry 127.0.0.1:5000) cannot be decrypted: "),
                e.getMessage());
        assertFalse(e.getMessage().contains(REGISTRY_PASSWORD));
    }

    @Test
    void onlyActiveProxiesCountAndTheirPasswordsAreDecrypted() throws Exception {
        Settings settings = new Settings();
        settings.addProxy(proxy("off", false, "http", "x"));
        settings.addProxy(proxy("on", true, "http", ENCRYPTED_PROXY_PASSWORD));
        HttpProxies proxies = RegistrySettings.proxies(settings, decrypter(securityFile()));
        assertEquals(1, proxies.proxies().size());
        HttpProxies.HttpProxy p = proxies.proxies().get(0);
        assertEquals("on", p.id());
        assertEquals("Pr0xy-s3cret-for-factory", p.password());
        assertNull(p.problem());
        assertEquals("on", proxies.forUri(URI.create("https://ghcr.io/v2/")).orElseThrow().id());
        assertTrue(proxies.forUri(URI.create("http://localhost:5000/v2/")).isEmpty());
    }

    @Test
    void theLogLineSaysWhereCredentialsComeFromAndNamesNoSecret() throws Exception {
        Settings settings = new Settings();
        settings.addServer(server("127.0.0.1:5000", "factory", ENCRYPTED_REGISTRY_PASSWORD));
        settings.addProxy(proxy("on", true, "http", ENCRYPTED_PROXY_PASSWORD));
        RegistrySettings.Cache cache = new RegistrySettings.Cache(settings, decrypter(securityFile()),
                Map.of("DOCKER_CONFIG", "/nonexistent/docker"));
        assertEquals("credentials from Maven's settings.xml (<server> id = registry host[:port]), then Docker's config "
                + "(/nonexistent/docker/config.json); proxy 'on' 127.0.0.1:8888 for http except localhost (as user "
                + "'proxy-user')", cache.describe());
        assertTrue(cache.fromSettings());
        assertFalse(new RegistrySettings.Cache(new Settings(), decrypter(securityFile()),
                Map.of("DOCKER_CONFIG", "/nonexistent/docker")).fromSettings());
    }

    @Test
    void oneRegistriesPerSetOfInsecureRegistries() throws Exception {
        RegistrySettings.Cache cache = new RegistrySettings.Cache(new Settings(), decrypter(securityFile()),
                Map.of("DOCKER_CONFIG", "/nonexistent/docker"));
        java.util.List<String> said = new java.util.ArrayList<>();
        var a = cache.registries(java.util.Set.of("registry.internal:5000"), said::add);
        assertTrue(a == cache.registries(java.util.Set.of("registry.internal:5000"), said::add),
                "the same clients again");
        assertEquals("http://registry.internal:5000", a.client("registry.internal:5000").base().toString());
        assertEquals(
                java.util.List
                        .of("Registries reached over plain HTTP (factory.insecureRegistries): registry.internal:5000"),
                said);
    }

    @Test
    void aBugIsOneLineNamingTheGoalTheExceptionAndWhereItHappened() {
        RuntimeException e = new NullPointerException(
                "Cannot invoke \"String.length()\" because \"s\" is null\nsecond line");
        e.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 233),
                new StackTraceElement("dev.factory.record.Recorder", "recordsOf", "Recorder.java", 123)});
        assertEquals("Factory bug: factory:record stopped on an unexpected NullPointerException: Cannot invoke "
                + "\"String.length()\" because \"s\" is null in Recorder.recordsOf (Recorder.java:123). Please report it with "
                + "the output of the same build run with -X, which shows the stack trace.",
                AbstractFactoryMojo.bugMessage("factory:record", e));
    }
}
