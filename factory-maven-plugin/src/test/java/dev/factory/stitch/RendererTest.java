package dev.factory.stitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendererTest {
    private final Renderer renderer = new Renderer();

    @Test
    void rendersParamsAndDirectivesWithoutBlankLines() {
        String out = renderer.render("f/Dockerfile.vm",
                "FROM ${base}\n#if($params.debug == \"true\")\nRUN debug\n#end\nUSER $params.user\n",
                Map.of("base", "busybox:1.35", "params", Map.of("debug", "true", "user", "app")));
        assertEquals("FROM busybox:1.35\nRUN debug\nUSER app\n", out);
    }

    @Test
    void undefinedVariableNamesFileLineAndColumn() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> renderer.render("fragments/core/x/Dockerfile.vm", "FROM a\nRUN echo $nope\n", Map.of()));
        assertTrue(e.getMessage().startsWith("fragments/core/x/Dockerfile.vm:2:10: undefined reference $nope"),
                e.getMessage());
    }

    @Test
    void undefinedMapKeyIsAnError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> renderer.render("t.vm", "A\nB ${params.missing}\n", Map.of("params", Map.of("a", "1"))));
        assertTrue(e.getMessage().startsWith("t.vm:2:3: undefined reference"), e.getMessage());
    }

    @Test
    void syntaxErrorNamesPosition() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> renderer.render("s.vm", "A\n#if($x\nB\n", Map.of("x", "1")));
        assertTrue(e.getMessage().startsWith("s.vm:"), e.getMessage());
        assertTrue(e.getMessage().contains("Velocity syntax error"), e.getMessage());
    }
}
