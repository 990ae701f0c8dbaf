package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The modes of the tables are octal, as in the tests' source ({@code 04755}). */
class FileModesTest {
    private static int octal(String mode) {
        return Integer.parseInt(mode, 8);
    }

    @ParameterizedTest(name = "{1} {2} -> {0}")
    @CsvSource(delimiter = '|', textBlock = """
            -rw-r--r--  | FILE        | 0644
            drwxr-xr-x  | DIRECTORY   | 0755
            Lrwxrwxrwx  | SYMLINK     | 0777
            urwxr-xr-x  | FILE        | 04755
            dtrwxrwxrwx | DIRECTORY   | 01777
            Dcrw-rw-rw- | CHAR_DEVICE | 0666
            ugrwxr-xr-x | FILE        | 06755
            """)
    void printsModesAsGoDoes(String printed, FileModes.Type type, String mode) {
        assertEquals(printed, FileModes.goString(type, octal(mode)));
    }

    @ParameterizedTest(name = "{1} {2} -> {0}")
    @CsvSource(delimiter = '|', textBlock = """
            lrwxrwxrwx | SYMLINK   | 0777
            -rwsr-xr-x | FILE      | 04755
            drwxrwxrwt | DIRECTORY | 01777
            -rwSr--r-- | FILE      | 04644
            """)
    void printsModesAsLsDoes(String printed, FileModes.Type type, String mode) {
        assertEquals(printed, FileModes.lsString(type, octal(mode)));
    }

    @ParameterizedTest(name = "{0} matches {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Lrwxrwxrwx | SYMLINK | 0777  | true
            lrwxrwxrwx | SYMLINK | 0777  | true
            -rwsr-xr-x | FILE    | 04755 | true
            -rwxr-xr-x | FILE    | 04755 | false
            """)
    void acceptsEitherNotation(String text, FileModes.Type type, String mode, boolean matches) {
        assertEquals(matches, FileModes.matches(text, type, octal(mode)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            drwxr-xr-x  | true
            dtrwxrwxrwx | true
            0755        | false
            """)
    void tellsAModeStringFromAnOctalMode(String text, boolean modeString) {
        assertEquals(modeString, FileModes.looksLikeModeString(text));
    }
}
