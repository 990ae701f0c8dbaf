package dev.factory.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths inside an image ({@code /}-separated whatever the host is, so not {@link java.nio.file.Path}, whose separator and
 * root are the host's).
 */
public final class SlashPaths {
    private SlashPaths() {}

    /**
     * The path with empty and {@code .} segments dropped and each {@code ..} taking off the segment before it (never
     * above the root), without a leading slash: {@code usr/lib/../bin/./java} is {@code usr/bin/java}.
     */
    public static String clean(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }
}
