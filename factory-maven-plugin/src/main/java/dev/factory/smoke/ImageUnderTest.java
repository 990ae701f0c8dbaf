package dev.factory.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One image being tested: a build on one platform.
 *
 * @param ref what containers run, e.g. {@code localhost:5000/factory/app:1.0-linux-arm64}
 * @param digest from image.json (for the evidence), or null
 * @param emulated whether the engine runs this platform through emulation (QEMU)
 * @param config the {@code Config} of {@code docker image inspect}
 */
public record ImageUnderTest(String build, String platform, String ref, String digest, boolean emulated,
        JsonNode config) {

    /** The image's environment, for {@code $VAR} expansion as container-structure-test does it. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : config.path("Env")) {
            String kv = e.asText();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }
}
