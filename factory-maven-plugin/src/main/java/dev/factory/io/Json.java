package dev.factory.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The one JSON configuration of the project: two-space indent, LF line ends, a final newline, and
 * key order as inserted (callers insert in a fixed order), so every JSON file Factory writes is
 * byte-for-byte reproducible.
 *
 * <p>The files Factory hands from one goal to the next (builds.json, stitch.json, image.json, smoke.json,
 * repack.json and the records) are Java records bound by Jackson: a record's components, in their declared order,
 * are the file's keys in snake_case ({@code manifestId} is {@code manifest_id}); each file has a JSON Schema in
 * {@code dev/factory/schemas/} that tests hold the written files to. Instants are ISO-8601 text
 * ({@code 2026-11-25T10:15:30Z}), the one date form in Factory's files.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule("factory-instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
                        @Override
                        protected Instant _deserialize(String value, DeserializationContext context) {
                            try {
                                return Instant.parse(value);
                            } catch (DateTimeException e) {
                                // what Jackson reports as a bad value of this key (InvalidFormatException)
                                throw new IllegalArgumentException(e.getMessage(), e);
                            }
                        }
                    }));
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

    /** Pretty, reproducible bytes of a tree or a bound record, ending with a newline. */
    public static byte[] bytes(Object node) {
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

    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(Files.readAllBytes(file));
    }

    /** A tree bound to a record; a value of the wrong type is a {@link JsonMappingException} (see {@link #problem}). */
    public static <T> T bind(JsonNode node, Class<T> type) throws JsonProcessingException {
        return MAPPER.treeToValue(node, type);
    }

    /** "/key/0/key: what is wrong", the form the schema validator's problems take. */
    public static String problem(JsonProcessingException e) {
        StringBuilder at = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                at.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
            }
        }
        Throwable cause = e.getCause();
        return at + ": " + (cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage());
    }
}
