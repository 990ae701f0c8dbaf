package dev.factory.manifest;

import dev.factory.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of one YAML mapping: unknown keys are errors with the nearest valid key, required
 * keys must be present, and each getter checks the value's kind. Every error names file:line:column,
 * the element path, and what to write instead.
 */
public final class Fields {
    private final YamlNode node;
    private final String what;

    private Fields(YamlNode node, String what) {
        this.node = node;
        this.what = what;
    }

    /**
     * @param what a noun for messages, e.g. "manifest" or "fragment descriptor"
     * @param allowed every key this mapping may hold (the JSON Schema's properties)
     */
    public static Fields of(YamlNode node, String what, Set<String> allowed, String... required) {
        if (!node.isMap()) {
            throw error(node, "a " + what + " must be a mapping of keys to values, found " + kindName(node),
                    "Write it as 'key: value' lines; the keys are " + String.join(", ", allowed) + ".");
        }
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                String near = Nearest.of(e.getKey(), allowed);
                throw new BadInputException(e.getValue().keyLocation() + ": " + e.getValue().path()
                        + ": unknown key '" + e.getKey() + "' in " + what + ". "
                        + (near != null ? "Did you mean '" + near + "'? " : "")
                        + "Valid keys: " + String.join(", ", allowed) + ".");
            }
        }
        for (String key : required) {
            YamlNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw error(node, "missing required field '" + key + "' in " + what,
                        "Add '" + key + ":' to it.");
            }
        }
        return new Fields(node, what);
    }

    public static Set<String> keys(String... keys) {
        return new LinkedHashSet<>(Arrays.asList(keys));
    }

    public YamlNode node() {
        return node;
    }

    public boolean has(String key) {
        YamlNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public YamlNode raw(String key) {
        return node.get(key);
    }

    public String string(String key, String fallback) {
        YamlNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        return scalar(v, "'" + key + "'");
    }

    public String string(String key) {
        return string(key, null);
    }

    public List<String> strings(String key, List<String> fallback) {
        YamlNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isScalar()) {
            return List.of(v.text());
        }
        if (!v.isList()) {
            throw error(v, "'" + key + "' must be a list of strings, found " + kindName(v),
                    "Write it as [a, b] or as '- a' lines.");
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : v.items()) {
            out.add(scalar(item, "each item of '" + key + "'"));
        }
        return out;
    }

    /** A mapping of string keys to scalar values (numbers and booleans kept as written). */
    public Map<String, String> stringMap(String key) {
        YamlNode v = node.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isMap()) {
            throw error(v, "'" + key + "' must be a mapping, found " + kindName(v), "Write it as 'name: value' lines.");
        }
        v.entries().forEach((k, val) -> out.put(k, scalar(val, "'" + k + "'")));
        return out;
    }

    public static String scalar(YamlNode v, String label) {
        if (!v.isScalar()) {
            throw error(v, label + " must be a single value, found " + kindName(v),
                    "Write a plain value (quote it if it contains ':' or '#').");
        }
        return v.text();
    }

    public static BadInputException error(YamlNode at, String problem, String fix) {
        String path = at.path().isEmpty() ? "" : at.path() + ": ";
        return new BadInputException(at.location() + ": " + path + problem + ". " + fix);
    }

    static String kindName(YamlNode v) {
        switch (v.kind()) {
            case MAP :
                return "a mapping";
            case LIST :
                return "a list";
            case NULL :
                return "nothing";
            default :
                return "'" + v.text() + "'";
        }
    }
}
