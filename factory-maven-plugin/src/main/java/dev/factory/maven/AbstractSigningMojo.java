package dev.factory.maven;

import dev.factory.oci.DockerConfig;
import dev.factory.oci.Registries;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.maven.plugins.annotations.Parameter;

/** What factory:sign and factory:verify-image share: the registries they reach. */
public abstract class AbstractSigningMojo extends AbstractFactoryMojo {

    /**
     * Registries (host:port, comma-separated) reached over plain HTTP; localhost and 127.0.0.1 always are.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.insecureRegistries")
    private String insecureRegistries;

    /** The registry clients: credentials from the Docker config, the insecure registries above. */
    protected Registries registries() {
        Set<String> insecure = new LinkedHashSet<>();
        if (insecureRegistries != null) {
            Arrays.stream(insecureRegistries.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(insecure::add);
        }
        return new Registries(DockerConfig.load(), insecure, 0);
    }
}
