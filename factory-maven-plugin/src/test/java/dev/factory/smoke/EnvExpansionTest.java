package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cases follow Go's os.Expand, which container-structure-test uses. */
class EnvExpansionTest {
    private final Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", "/root", "1", "one");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /env/bin:$PATH | /env/bin:/usr/bin:/bin
            ${HOME}/x      | /root/x
            [$UNSET]       | []
            ${HOME}x       | /rootx
            """)
    void expandsNamesAndBraces(String text, String expanded) {
        assertEquals(expanded, EnvExpansion.expand(text, env));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cost: 5$
            a $ b
            ^0$
            '^lock$'
            """)
    void keepsADollarThatStartsNoName(String text) {
        assertEquals(text, EnvExpansion.expand(text, env));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            $1   | one
            x$$  | x
            ${1} | one
            """)
    void shellSpecialNamesAreLookedUp(String text, String expanded) {
        assertEquals(expanded, EnvExpansion.expand(text, env));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a${}b   | ab
            a${HOME | aHOME
            """)
    void badBraceSyntaxIsDroppedAsGoDoes(String text, String expanded) {
        assertEquals(expanded, EnvExpansion.expand(text, env));
    }
}
