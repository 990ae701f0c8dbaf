package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** settings.xml {@code <server>} entries as registry credentials, and their precedence over Docker's config. */
class SettingsServersTest {
    @TempDir
    Path dir;

    private static SettingsServers servers(SettingsServers.Server... s) {
        return new SettingsServers(List.of(s));
    }

    private static SettingsServers.Server server(String id, String user, String password) {
        return new SettingsServers.Server(id, user, password, null);
    }

    @Test
    void hostAndPortFirstThenTheHostAlone() {
        SettingsServers s = servers(server("registry.example.com", "any-port", "a"),
                server("registry.example.com:5000", "port-5000", "b"));
        assertEquals("port-5000", s.forRegistry("registry.example.com:5000").orElseThrow().username());
        assertEquals("any-port", s.forRegistry("registry.example.com:6000").orElseThrow().username());
        assertEquals("any-port", s.forRegistry("registry.example.com").orElseThrow().username());
        assertTrue(s.forRegistry("other.example.com").isEmpty());
        assertTrue(s.forRegistry("example.com").isEmpty(), "a server id is a whole host, not a suffix");
    }

    @Test
    void idsAreComparedWithoutCaseAsHostNamesAre() {
        assertEquals("ci", servers(server("Registry.Example.COM", "ci", "pw")).forRegistry("registry.example.com")
                .orElseThrow().username());
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        assertEquals(List.of("[::1]:5000", "[::1]"), SettingsServers.idsFor("[::1]:5000"));
        assertEquals(List.of("127.0.0.1:5000", "127.0.0.1"), SettingsServers.idsFor("127.0.0.1:5000"));
    }

    @Test
    void dockerHubAnswersToItsUsualNames() {
        assertEquals(List.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"),
                SettingsServers.idsFor("docker.io"));
        assertEquals("hub",
                servers(server("registry-1.docker.io", "hub", "pw")).forRegistry("docker.io").orElseThrow().username());
    }

    @Test
    void theCredentialsNameTheServerAndHowToFixThemButNeverShowThePassword() {
        Credentials c = servers(server("ghcr.io", "ci", "s3cr3t-value")).forRegistry("ghcr.io").orElseThrow();
        assertEquals("s3cr3t-value", c.secret());
        assertEquals("the <server> with id 'ghcr.io' in Maven's settings.xml", c.source());
        assertTrue(
                c.remedyFor("ghcr.io")
                        .startsWith("correct the username and password of the <server> with id 'ghcr.io'"),
                c.remedyFor("ghcr.io"));
        assertFalse(c.toString().contains("s3cr3t-value"));
        assertFalse(c.source().contains("s3cr3t-value") || c.remedyFor("ghcr.io").contains("s3cr3t-value"));
    }

    @Test
    void aServerWithoutPasswordGivesNoCredentials() {
        assertTrue(servers(server("ghcr.io", "ci", null)).forRegistry("ghcr.io").isEmpty());
        assertTrue(servers(server("ghcr.io", "ci", "")).forRegistry("ghcr.io").isEmpty());
    }

    @Test
    void anUndecryptablePasswordFailsOnlyForItsRegistryAndNamesTheServer() {
        SettingsServers s = servers(new SettingsServers.Server("ghcr.io", "ci", null,
                "Failed to decrypt password for server ghcr.io: master password is not set"),
                server("quay.io", "q", "pw"));
        assertEquals("q", s.forRegistry("quay.io").orElseThrow().username());
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> s.forRegistry("ghcr.io"));
        assertEquals(
                "The password of the <server> with id 'ghcr.io' in Maven's settings.xml (for the registry ghcr.io) "
                        + "cannot be decrypted: Failed to decrypt password for server ghcr.io: master password is not set. Check the "
                        + "master password in settings-security.xml (~/.m2/settings-security.xml, or the file -Dsettings.security "
                        + "names), or encrypt the password again with mvn --encrypt-password.",
                e.getMessage());
    }

    @Test
    void whereItLookedIsSaidWhenThereIsNothing() {
        assertEquals(
                "no <server> with id 'registry.example.com:5000' or 'registry.example.com' in Maven's settings.xml",
                SettingsServers.NONE.searched("registry.example.com:5000"));
    }

    @Test
    void settingsComeBeforeDockersConfigWhichStillServesTheOtherRegistries() throws IOException {
        String auth = Base64.getEncoder().encodeToString("docker-user:docker-pw".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth + "\"},"
                + "\"quay.io\":{\"auth\":\"" + auth + "\"}}}");
        DockerConfig docker = DockerConfig.load(Map.of("DOCKER_CONFIG", dir.toString()));
        Credentials.Provider both = servers(server("ghcr.io", "maven-user", "maven-pw")).orElse(docker);
        assertEquals("maven-user", both.forRegistry("ghcr.io").orElseThrow().username());
        Credentials fromDocker = both.forRegistry("quay.io").orElseThrow();
        assertEquals("docker-user", fromDocker.username());
        assertEquals("log in with 'docker login quay.io'", fromDocker.remedyFor("quay.io"));
        assertTrue(both.forRegistry("docker.io").isEmpty());
        assertEquals("no <server> with id 'localhost:5000' or 'localhost' in Maven's settings.xml, and none for "
                + "localhost:5000 in Docker's config (" + dir.resolve("config.json") + ")",
                both.searched("localhost:5000"));
    }
}
