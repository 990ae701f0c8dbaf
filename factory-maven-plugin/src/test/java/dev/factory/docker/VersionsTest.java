package dev.factory.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VersionsTest {
    @Test
    void versionsAsTheToolsPrintThem() {
        assertEquals("0.13.1+ds1", Versions.firstVersion("0.13.1+ds1 0.13.1+ds1-3"));
        assertEquals("0.17.1", Versions.firstVersion("v0.17.1 257815a6fb95ee2bcd9e1b1b4e8a1e8c8c4b4c0e"));
        assertArrayEquals(new int[] {0, 12, 1}, Versions.parse("0.12.1+ds1"));
        assertArrayEquals(new int[] {26, 1, 5}, Versions.parse("26.1.5+dfsg1"));
        assertArrayEquals(new int[] {0, 0, 0}, Versions.parse(""));
    }

    @Test
    void dockerInfoMachineNamesBecomeOciPlatforms() {
        assertEquals("linux/amd64", Versions.platform("linux/x86_64"));
        assertEquals("linux/arm64", Versions.platform("linux/aarch64"));
        assertEquals("linux/arm/v7", Versions.platform("linux/armv7l"));
        assertEquals("linux/s390x", Versions.platform("linux/s390x"));
        assertEquals("linux/amd64", Versions.platform("linux/amd64"));
    }
}
