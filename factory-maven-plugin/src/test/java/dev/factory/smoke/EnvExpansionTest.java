package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cases follow Go's os.Expand, which container-structure-test uses. */
class EnvExpansionTest {
    private final Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", "/root", "1", "one");

    @Test
    void expandsNamesAndBraces() {
        assertEquals("/env/bin:/usr/bin:/bin", EnvExpansion.expand("/env/bin:$PATH", env));
        assertEquals("/root/x", EnvExpansion.expand("${HOME}/x", env));
        assertEquals("[]", EnvExpansion.expand("[$UNSET]", env));
        assertEquals("/rootx", EnvExpansion.expand("${HOME}x", env));
    }

    @Test
    void keepsADollarThatStartsNoName() {
        assertEquals("cost: 5$", EnvExpansion.expand("cost: 5$", env));
        assertEquals("a $ b", EnvExpansion.expand("a $ b", env));
        assertEquals("^0$", EnvExpansion.expand("^0$", env));
        assertEquals("'^lock$'", EnvExpansion.expand("'^lock$'", env));
    }

    @Test
    void shellSpecialNamesAreLookedUp() {
        assertEquals("one", EnvExpansion.expand("$1", env));
        assertEquals("x", EnvExpansion.expand("x$$", env));
        assertEquals("one", EnvExpansion.expand("${1}", env));
    }

    @Test
    void badBraceSyntaxIsDroppedAsGoDoes() {
        assertEquals("ab", EnvExpansion.expand("a${}b", env));
        assertEquals("aHOME", EnvExpansion.expand("a${HOME", env));
    }
}
