package dev.factory.manifest;

import dev.factory.io.Json;
import dev.factory.io.Schemas;
import java.util.List;

/**
 * Holds a manifest or plan to the JSON Schema shipped for it (the one editors and CI linters see), once the loader's
 * own checks passed: those name the nearest valid key and show an example; the schema then catches what they do not
 * look at, so a file that stitches is a file that validates. A problem is reported at the element's line and column.
 */
final class InputSchema {
    private InputSchema() {}

    /**
     * @param root the document as read (every scalar is text, as the loader sees it)
     * @param schema the schema's name in {@link Schemas}
     * @param doc the page of the docs that describes the format, e.g. {@code docs/manifest.md}
     */
    static void check(YamlNode root, String schema, String doc) {
        List<Schemas.Problem> problems = Schemas.check(schema, Json.mapper().valueToTree(root.toPlain()));
        if (problems.isEmpty()) {
            return;
        }
        Schemas.Problem first = problems.get(0);
        throw Fields.error(at(root, first.at()),
                first.message() + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                        + " more)" : ""),
                "Factory holds this file to " + schema + " in its plugin jar (dev/factory/schemas/); "
                        + doc + " describes each element.");
    }

    /** The deepest node on a JSON pointer ({@code /fragments/core}) that exists. */
    static YamlNode at(YamlNode root, String pointer) {
        YamlNode node = root;
        for (String raw : pointer.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String key = raw.replace("~1", "/").replace("~0", "~");
            YamlNode next = null;
            if (node.isMap()) {
                next = node.get(key);
            } else if (node.isList() && key.matches("\\d{1,9}") && Integer.parseInt(key) < node.items().size()) {
                next = node.items().get(Integer.parseInt(key));
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }
}
