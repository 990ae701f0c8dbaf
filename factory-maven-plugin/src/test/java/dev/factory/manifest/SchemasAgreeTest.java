package dev.factory.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.factory.io.Schemas;
import dev.factory.stitch.FragmentDescriptor;
import dev.factory.stitch.FragmentLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas in the jar are what editors and CI linters see; the loaders are what stitch enforces.
 * These tests keep the two in step and check every example the docs and the standard library show.
 */
class SchemasAgreeTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Set<String> properties(String schema) {
        Set<String> keys = new LinkedHashSet<>();
        Schemas.document(schema).path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void schemaPropertiesEqualTheKeysTheLoadersAccept() {
        assertEquals(FragmentDescriptor.KEYS, properties(Schemas.FRAGMENT));
        assertEquals(FragmentLibrary.TEMPLATE_KEYS, properties(Schemas.TEMPLATE));
        assertEquals(new LinkedHashSet<>(Slot.ids()),
                fieldNames(Schemas.document(Schemas.MANIFEST).path("properties").path("fragments").path("properties")));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void theStandardLibraryDescriptorsValidate() throws IOException {
        Path root = Path.of("../fragments/src/main/factory");
        List<Path> descriptors;
        try (Stream<Path> s = Files.walk(root)) {
            descriptors = s.filter(p -> p.getFileName().toString().matches("(fragment|template)\\.yaml")).sorted()
                    .toList();
        }
        assertFalse(descriptors.isEmpty());
        for (Path d : descriptors) {
            String schema = d.getFileName().toString().startsWith("fragment") ? Schemas.FRAGMENT : Schemas.TEMPLATE;
            assertEquals(List.of(), Schemas.problems(schema, YAML.readTree(d.toFile())), d.toString());
        }
    }

    /** Every ```yaml block in docs/manifest.md and docs/plan.md is a complete, valid document of its kind. */
    @Test
    void theDocsExamplesValidate() throws IOException {
        int checked = 0;
        for (String[] doc : new String[][]{{"manifest.md", Schemas.MANIFEST}, {"plan.md", Schemas.PLAN}}) {
            String text = Files.readString(Path.of("../docs", doc[0]));
            Matcher m = Pattern.compile("```yaml\\n# (manifest|plan)[^\\n]*\\n(.*?)```", Pattern.DOTALL).matcher(text);
            while (m.find()) {
                String schema = m.group(1).equals("manifest") ? Schemas.MANIFEST : Schemas.PLAN;
                JsonNode example = YAML.readTree(m.group(2));
                assertEquals(List.of(), Schemas.problems(schema, example), doc[0] + ":\n" + m.group(2));
                checked++;
            }
        }
        assertTrue(checked >= 2, "the docs show at least one full manifest and one full plan");
    }
}
