package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.EnvironmentException;
import dev.factory.docker.MissingToolException;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials the way the docker CLI keeps them: {@code $DOCKER_CONFIG/config.json} (else
 * {@code ~/.docker/config.json}) with {@code credHelpers} per registry, a {@code credsStore} for all,
 * and {@code auths} entries (base64 {@code user:password} in {@code auth}, or an {@code identitytoken}).
 * Helpers run as {@code docker-credential-<name> get} with the registry on stdin. Nothing read here is
 * logged or written anywhere.
 */
public final class DockerConfig implements Credentials.Provider {
    private static final String HUB_KEY = "https://index.docker.io/v1/";
    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final JsonNode root;

    private DockerConfig(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The user's config: {@code DOCKER_CONFIG} from {@code env} when set, else {@code ~/.docker}. */
    public static DockerConfig load(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return load(base.resolve("config.json"));
    }

    public static DockerConfig load() {
        return load(System.getenv());
    }

    public static DockerConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new DockerConfig(file, Json.object());
        }
        try {
            return new DockerConfig(file, Json.read(file));
        } catch (IOException e) {
            throw new EnvironmentException("The Docker config " + file + " cannot be read (" + e.getMessage()
                    + "); fix or remove it, then run docker login again.", e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<Credentials> forRegistry(String registry) {
        String key = ImageReference.DOCKER_HUB.equals(registry) ? HUB_KEY : registry;
        String helper = root.path("credHelpers").path(registry).asText(null);
        if (helper == null) {
            helper = root.path("credsStore").asText(null);
        }
        if (helper != null && !helper.isBlank()) {
            Optional<Credentials> fromHelper = fromHelper(helper, key);
            if (fromHelper.isPresent()) {
                return fromHelper;
            }
        }
        JsonNode entry = authsEntry(registry, key);
        if (entry == null) {
            return Optional.empty();
        }
        String where = "the auths entry for " + registry + " in " + file;
        if (entry.hasNonNull("identitytoken")) {
            return Optional.of(new Credentials("<token>", entry.get("identitytoken").asText(), true, where));
        }
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new EnvironmentException(
                        "The auths entry for " + registry + " in " + file + " is not valid base64; "
                                + "run docker login " + registry + " again.");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new EnvironmentException(
                        "The auths entry for " + registry + " in " + file + " is not user:password; "
                                + "run docker login " + registry + " again.");
            }
            return Optional
                    .of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), false, where));
        }
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return Optional
                    .of(new Credentials(entry.get("username").asText(), entry.get("password").asText(), false, where));
        }
        return Optional.empty();
    }

    private JsonNode authsEntry(String registry, String key) {
        JsonNode auths = root.path("auths");
        if (auths.has(key)) {
            return auths.get(key);
        }
        for (var it = auths.properties().iterator(); it.hasNext();) {
            var e = it.next();
            if (hostOf(e.getKey()).equals(registry)
                    || (ImageReference.DOCKER_HUB.equals(registry) && hostOf(e.getKey()).endsWith("docker.io"))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@code https://host:5000/v1/} to {@code host:5000}. */
    static String hostOf(String key) {
        String k = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = k.indexOf('/');
        return slash < 0 ? k : k.substring(0, slash);
    }

    private Optional<Credentials> fromHelper(String helper, String serverUrl) {
        String program = "docker-credential-" + helper;
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.run(ProcessRunner.Command.of(List.of(program, "get"))
                    .stdin(serverUrl.getBytes(StandardCharsets.UTF_8)).timeout(HELPER_TIMEOUT));
        } catch (MissingToolException e) {
            throw new EnvironmentException(file + " names the credential helper '" + helper + "', but " + program
                    + " is not on the PATH. Install it, or remove the helper from the config and run docker login "
                    + hostOf(serverUrl) + ".", e);
        }
        if (result.timedOut()) {
            throw new EnvironmentException("The credential helper " + program + " did not answer within "
                    + HELPER_TIMEOUT.toSeconds()
                    + " s (it may be waiting for a keyring unlock); unlock it or run docker "
                    + "login " + hostOf(serverUrl) + ".");
        }
        if (result.exitCode() != 0) {
            // "credentials not found in native keychain": no entry for this registry
            return Optional.empty();
        }
        try {
            JsonNode answer = Json.mapper().readTree(result.stdout());
            String user = answer.path("Username").asText("");
            String secret = answer.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            String where = "the credential helper " + program;
            return Optional.of(new Credentials(user, secret, "<token>".equals(user), where));
        } catch (IOException e) {
            throw new EnvironmentException("The credential helper " + program + " answered something that is not JSON; "
                    + "check the helper's installation.", e);
        }
    }

    @Override
    public String searched(String registry) {
        return "none for " + registry + " in Docker's config (" + describeFor(registry) + ")";
    }

    /** Where credentials for {@code registry} would come from, for messages (never the credentials themselves). */
    public String describeFor(String registry) {
        String helper = root.path("credHelpers").path(registry).asText(null);
        if (helper == null) {
            helper = root.path("credsStore").asText(null);
        }
        return helper != null ? "the credential helper docker-credential-" + helper + " (" + file + ")"
                : file.toString();
    }
}
