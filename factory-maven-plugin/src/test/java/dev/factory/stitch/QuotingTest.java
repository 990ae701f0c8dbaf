package dev.factory.stitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotingTest {
    private static final String HOSTILE = "it's $(id) `id` \"q\" ; rm -rf / & $HOME \\ * ~ #";
    private final Renderer renderer = new Renderer();

    /** What /bin/sh makes of a command line: each argument on its own line (a real shell, not our code). */
    private static List<String> shellWords(String commandLine) {
        ProcessRunner.Result r = ProcessRunner.run(ProcessRunner.Command.of(List.of("/bin/sh", "-c",
                "for a in " + commandLine + "; do printf '%s\\n' \"$a\"; done"))
                .timeout(java.time.Duration.ofSeconds(30)));
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().isEmpty() ? List.of() : List.of(r.stdout().split("\n"));
    }

    @Test
    void shQuoteKeepsAnyValueOneVerbatimWordForARealShell() throws Exception {
        String quoted = new Quoting.Sh().quote(HOSTILE);
        assertEquals("'it'\\''s $(id) `id` \"q\" ; rm -rf / & $HOME \\ * ~ #'", quoted);
        assertEquals(List.of(HOSTILE), shellWords(quoted));
        assertEquals("''", new Quoting.Sh().quote(""));
    }

    @Test
    void shWordsQuotesEachPartOfAList() throws Exception {
        Quoting.Sh sh = new Quoting.Sh();
        assertEquals("'curl' 'less'", sh.words(" curl   less "));
        assertEquals("", sh.words("  "));
        assertEquals(List.of("curl", "$(touch", "/x)"), shellWords(sh.words("curl $(touch /x)")));
    }

    @Test
    void dockerfileQuoteEscapesQuotesBackslashesAndVariables() {
        assertEquals("\"a \\\"b\\\" \\\\ \\$HOME\"", new Quoting.Dockerfile().quote("a \"b\" \\ $HOME"));
    }

    @Test
    void jsonQuoteIsOneLineAndReadsBackAsTheValue() throws Exception {
        String quoted = new Quoting.JsonString().quote("a\"b\nc\\d");
        assertEquals("\"a\\\"b\\nc\\\\d\"", quoted);
        JsonNode back = Json.mapper().readTree(quoted);
        assertEquals("a\"b\nc\\d", back.asText());
    }

    @Test
    void heredocCopyChoosesADelimiterTheValueDoesNotHold() {
        TrustedText t = new Quoting.Heredoc().copy("line one\n$HOME stays\n", "/etc/motd");
        assertEquals("COPY <<'FACTORY_EOF' /etc/motd\nline one\n$HOME stays\nFACTORY_EOF", t.toString());
        String tricky = new Quoting.Heredoc().copy("a\nFACTORY_EOF\nb", "/x").toString();
        String delimiter = tricky.substring("COPY <<'".length(), tricky.indexOf("' /x"));
        assertTrue(delimiter.startsWith("FACTORY_EOF_"), tricky);
        assertTrue(tricky.endsWith("\nb\n" + delimiter), tricky);
        assertThrows(BadInputException.class, () -> new Quoting.Heredoc().copy("x", "/etc/a b"));
        assertThrows(BadInputException.class, () -> new Quoting.Heredoc().copy("a\rb", "/x"));
    }

    @Test
    void templatesSeeTheHelpers() {
        String out = renderer.render("f/Dockerfile.vm",
                "RUN echo $sh.quote($params.g)\nENV G=$dockerfile.quote($params.g)\n"
                        + "CMD [\"echo\", $json.quote($params.g)]\n",
                Map.of("params", Map.of("g", "hi; id")));
        assertEquals("RUN echo 'hi; id'\nENV G=\"hi; id\"\nCMD [\"echo\", \"hi; id\"]\n", out);
    }

    @Test
    void aValueThatWouldBreakItsLineIsRefusedWhereTheTemplatePlacesIt() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> renderer.render("fragments/app/x/Dockerfile.vm",
                        "FROM a\nRUN echo ${params.greeting}\n",
                        Map.of("params", Map.of("greeting", "hi\nRUN touch /x"))));
        assertEquals(
                "fragments/app/x/Dockerfile.vm:2:10: ${params.greeting} inserts a value that holds a line feed (LF, U+000A) "
                        + "as character 3; a line break there would end the line and start a new one (in a Dockerfile, a new "
                        + "instruction). Keep the value on one line, quote it onto one line with $json.quote(...), or place a "
                        + "multi-line value as a file with $heredoc.copy(value, \"/path/in/image\") (see docs/fragments.md).",
                e.getMessage());
        BadInputException quoted = assertThrows(BadInputException.class, () -> renderer.render("t.vm",
                "RUN echo $sh.quote($params.g)\n", Map.of("params", Map.of("g", "a\nb"))));
        assertTrue(
                quoted.getMessage()
                        .startsWith("t.vm:1:10: $sh.quote($params.g) inserts a value that holds a line feed"),
                quoted.getMessage());
        assertEquals("RUN x\nCOPY <<'FACTORY_EOF' /m\na\nb\nFACTORY_EOF\n", renderer.render("t.vm",
                "RUN x\n$heredoc.copy($params.g, \"/m\")\n", Map.of("params", Map.of("g", "a\nb"))));
        assertEquals("A\nB\n", renderer.render("t.vm", "${text}", Map.of("text", new TrustedText("A\nB\n"))));
    }

    @Test
    void aFailingMethodIsStillACleanRenderError() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> renderer.render("t.vm", "A\n$params.g.substring(9)\n",
                        Map.of("params", Map.of("g", "ab"))));
        assertEquals(
                "t.vm:2:11: cannot render: calling substring threw java.lang.StringIndexOutOfBoundsException: begin 9, "
                        + "end 2, length 2. Fix the call in the template.",
                e.getMessage());
    }

    @Test
    void aHelperMisusedNamesTheTemplatePosition() {
        BadInputException e = assertThrows(BadInputException.class, () -> renderer.render("t.vm",
                "RUN x\n$heredoc.copy(\"a\", \"/with space\")\n", Map.of()));
        assertTrue(
                e.getMessage().startsWith("t.vm:2:10: $heredoc.copy: the destination '/with space' must be one path"),
                e.getMessage());
    }
}
