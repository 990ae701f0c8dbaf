package dev.factory.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON configuration of the project: two-space indent, LF line ends, a final newline, and
 * key order as inserted (callers insert in a fixed order), so every JSON file Factory writes is
 * byte-for-byte reproducible.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Pretty, reproducible bytes of a tree, ending with a newline. */
    public static byte[] bytes(JsonNode node) {
        try {
            String text = MAPPER.writer(PRINTER).writeValueAsString(node);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            // a tree in memory to a string: no I/O is involved, so this is Factory's bug (reported as such)
            throw new IllegalStateException("Factory could not serialise its own JSON: " + e.getMessage(), e);
        }
    }

    /** Compact single-line form, for GitHub outputs and logs. */
    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("Factory could not serialise its own JSON: " + e.getMessage(), e);
        }
    }

    /** A field's text, or null when it is absent or JSON null (the files Factory writes keep unknowns as null). */
    public static String textOrNull(JsonNode object, String key) {
        JsonNode v = object.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(Files.readAllBytes(file));
    }
}
