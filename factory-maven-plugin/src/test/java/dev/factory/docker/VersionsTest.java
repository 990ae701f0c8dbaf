package dev.factory.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.13.1+ds1 0.13.1+ds1-3                          | 0.13.1+ds1
            v0.17.1 257815a6fb95ee2bcd9e1b1b4e8a1e8c8c4b4c0e | 0.17.1
            """)
    void versionsAsTheToolsPrintThem(String printed, String version) {
        assertEquals(version, Versions.firstVersion(printed));
    }

    @ParameterizedTest(name = "{0} -> {1}.{2}.{3}")
    @CsvSource(delimiter = '|', textBlock = """
            0.12.1+ds1   | 0  | 12 | 1
            26.1.5+dfsg1 | 26 | 1  | 5
            ''           | 0  | 0  | 0
            """)
    void versionsParseToTheirThreeNumbers(String printed, int major, int minor, int patch) {
        assertArrayEquals(new int[]{major, minor, patch}, Versions.parse(printed));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            linux/x86_64  | linux/amd64
            linux/aarch64 | linux/arm64
            linux/armv7l  | linux/arm/v7
            linux/s390x   | linux/s390x
            linux/amd64   | linux/amd64
            """)
    void dockerInfoMachineNamesBecomeOciPlatforms(String machine, String platform) {
        assertEquals(platform, Versions.platform(machine));
    }
}
