package dev.factory.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it came from (file, line, column) and its element path
 * (e.g. {@code fragments.core.params.version}), so every validation error can point at it.
 */
public final class YamlNode {
    public enum Kind {
        MAP, LIST, SCALAR, NULL
    }

    private final Kind kind;
    private final String scalar;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;
    private final Location location;
    private final String path;
    /** where the key of this entry was written (for "unknown key" errors); the value's own location otherwise */
    private final Location keyLocation;

    YamlNode(Kind kind, String scalar, Map<String, YamlNode> map, List<YamlNode> list,
            Location location, Location keyLocation, String path) {
        this.kind = kind;
        this.scalar = scalar;
        this.map = map;
        this.list = list;
        this.location = location;
        this.keyLocation = keyLocation == null ? location : keyLocation;
        this.path = path;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The scalar's text as written (numbers and booleans too); null for other kinds. */
    public String text() {
        return scalar;
    }

    public Map<String, YamlNode> entries() {
        return map == null ? Map.of() : Collections.unmodifiableMap(map);
    }

    public List<YamlNode> items() {
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    public YamlNode get(String key) {
        return map == null ? null : map.get(key);
    }

    public Location location() {
        return location;
    }

    public Location keyLocation() {
        return keyLocation;
    }

    /** Element path from the document root, e.g. {@code axes.core.version[1]}; empty for the root. */
    public String path() {
        return path;
    }

    /** Plain Java value: String, List or Map (insertion-ordered), null for null. */
    public Object toPlain() {
        switch (kind) {
            case SCALAR :
                return scalar;
            case LIST :
                return list.stream().map(YamlNode::toPlain).collect(java.util.stream.Collectors.toList());
            case MAP :
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, v.toPlain()));
                return out;
            default :
                return null;
        }
    }

    /** A file position, 1-based as editors show it. */
    public record Location(String file, int line, int column) {
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line + ":" + column : file;
        }
    }
}
