package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void aFirstComponentWithADotAPortOrLocalhostIsTheRegistry() {
        assertEquals("localhost:5000", ImageReference.registryIn("localhost:5000/lab/busybox:1.35"));
        assertEquals("ghcr.io", ImageReference.registryIn("ghcr.io/o/app"));
        assertEquals("localhost", ImageReference.registryIn("localhost/app"));
        assertEquals("[::1]:5000", ImageReference.registryIn("[::1]:5000/app"));
    }

    @Test
    void otherNamesAreDockerHubs() {
        assertNull(ImageReference.registryIn("team/app"));
        assertNull(ImageReference.registryIn("busybox:1.35"));
        assertNull(ImageReference.registryIn("/app"));
        assertEquals(new ImageReference("docker.io", "team/app", "1", null), ImageReference.parse("team/app:1"));
        assertEquals(new ImageReference("docker.io", "library/app", "latest", null), ImageReference.parse("index.docker.io/app"));
        assertEquals(new ImageReference("localhost:5000", "lab/app", "latest", null), ImageReference.parse("localhost:5000/lab/app"));
    }
}
