package dev.factory.repack;

import dev.factory.BadInputException;
import dev.factory.docker.Docker;
import dev.factory.oci.Registries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What factory:repack was asked to do.
 *
 * @param outputDir {@code target/factory} (builds.json, builds/&lt;build&gt;/image.json)
 * @param manifestId repack only the builds of this manifest; null for all
 * @param exportTimeout how long a {@code docker image save} or a docker-repack run may take
 */
public record RepackRequest(Path outputDir, String manifestId, RepackOptions options, Engine engine, Output output,
        Registries registries, Docker docker, Duration exportTimeout, Consumer<String> log) {

    /** Who repacks. */
    public enum Engine {
        BUILTIN, DOCKER_REPACK;

        public static Engine parse(String text) {
            return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
                case "builtin", "" -> BUILTIN;
                case "docker-repack" -> DOCKER_REPACK;
                default -> throw new BadInputException("factory.repack.engine = '" + text + "' is not an engine: use "
                        + "builtin (the default) or docker-repack.");
            };
        }
    }

    /** Where the repacked images go. */
    public enum Output {
        REGISTRY, OCI_LAYOUT;

        public static Output parse(String text) {
            return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
                case "registry", "" -> REGISTRY;
                case "oci-layout" -> OCI_LAYOUT;
                default -> throw new BadInputException("factory.repack.output = '" + text + "' is not an output: use "
                        + "registry (the default; images that were not pushed go to an OCI layout) or oci-layout.");
            };
        }
    }
}
