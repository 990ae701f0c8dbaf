package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost:5000/lab/busybox:1.35 | localhost:5000
            ghcr.io/o/app                   | ghcr.io
            localhost/app                   | localhost
            [::1]:5000/app                  | [::1]:5000
            """)
    void aFirstComponentWithADotAPortOrLocalhostIsTheRegistry(String reference, String registry) {
        assertEquals(registry, ImageReference.registryIn(reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"team/app", "busybox:1.35", "/app"})
    void otherNamesAreDockerHubs(String reference) {
        assertNull(ImageReference.registryIn(reference));
    }

    @ParameterizedTest(name = "{0} -> {1} {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            team/app:1             | docker.io      | team/app    | 1
            index.docker.io/app    | docker.io      | library/app | latest
            localhost:5000/lab/app | localhost:5000 | lab/app     | latest
            """)
    void aReferenceParsesWithDockerHubsDefaults(String reference, String registry, String repository, String tag) {
        assertEquals(new ImageReference(registry, repository, tag, null), ImageReference.parse(reference));
    }
}
