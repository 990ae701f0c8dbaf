package dev.factory.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.factory.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML document into {@link YamlNode}s with positions. Jackson's streaming parser gives
 * the token positions; the tree model would drop them. The document's size is checked first, and
 * SnakeYAML's own code point limit is set to the same bound, so no input makes the parser run long.
 * Aliases are not expanded by the streaming parser (an alias reads as its anchor's name), so nested
 * aliases cannot multiply a document either.
 */
public final class YamlReader {
    private static final Map<Long, YAMLFactory> FACTORIES = new java.util.concurrent.ConcurrentHashMap<>();

    private YamlReader() {}

    /**
     * @param displayName the path shown in errors (relative to the project when possible)
     */
    public static YamlNode read(byte[] content, String displayName) {
        return read(content, displayName, InputLimits.DEFAULTS);
    }

    /**
     * @param limits the largest document read (in bytes, and in code points for SnakeYAML)
     */
    public static YamlNode read(byte[] content, String displayName, InputLimits limits) {
        limits.checkSize(displayName, content.length);
        YAMLFactory factory = FACTORIES.computeIfAbsent(limits.maxInputBytes(), YamlReader::factory);
        try (JsonParser parser = factory.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode(YamlNode.Kind.NULL, null, null, null,
                        new YamlNode.Location(displayName, 1, 1), null, "");
            }
            YamlNode root = readValue(parser, displayName, "", null);
            if (parser.nextToken() != null) {
                throw syntax(displayName, parser.currentTokenLocation(),
                        "more than one YAML document; Factory reads one per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.contains("exceeds the limit")) {
                // SnakeYAML's code point limit; the byte check above normally refuses such a file first
                throw new BadInputException(displayName + ": the document has more than " + limits.maxInputBytes()
                        + " code points, the most Factory reads from one input file. If it really must be larger, raise the "
                        + "limit with -D" + InputLimits.MAX_INPUT_SIZE + ".", e);
            }
            // snakeyaml's messages span several lines with a caret drawing; the first line says it
            int nl = message.indexOf('\n');
            throw syntax(displayName, e.getLocation(), (nl > 0 ? message.substring(0, nl) : message).trim());
        } catch (IOException e) {
            throw new BadInputException(displayName + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static YAMLFactory factory(long maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    private static BadInputException syntax(String file, JsonLocation at, String what) {
        YamlNode.Location location = at == null ? new YamlNode.Location(file, 0, 0)
                : new YamlNode.Location(file, at.getLineNr(), at.getColumnNr());
        return new BadInputException(location + ": YAML syntax error: " + what
                + ". Fix the YAML at that position (indentation, a missing ':' or an unclosed quote are the usual causes).");
    }

    private static YamlNode readValue(JsonParser p, String file, String path, YamlNode.Location keyLocation)
            throws IOException {
        JsonLocation at = p.currentTokenLocation();
        YamlNode.Location location = new YamlNode.Location(file, at.getLineNr(), at.getColumnNr());
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT : {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation k = p.currentTokenLocation();
                    YamlNode.Location keyAt = new YamlNode.Location(file, k.getLineNr(), k.getColumnNr());
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (map.containsKey(key)) {
                        throw new BadInputException(keyAt + ": " + childPath + ": duplicate key '" + key
                                + "' (first at line " + map.get(key).keyLocation().line() + "). Keep one of them.");
                    }
                    p.nextToken();
                    map.put(key, readValue(p, file, childPath, keyAt));
                }
                return new YamlNode(YamlNode.Kind.MAP, null, map, null, location, keyLocation, path);
            }
            case START_ARRAY : {
                List<YamlNode> list = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, file, path + "[" + i++ + "]", null));
                }
                return new YamlNode(YamlNode.Kind.LIST, null, null, list, location, keyLocation, path);
            }
            case VALUE_NULL :
                return new YamlNode(YamlNode.Kind.NULL, null, null, null, location, keyLocation, path);
            default :
                return new YamlNode(YamlNode.Kind.SCALAR, p.getText(), null, null, location, keyLocation, path);
        }
    }
}
