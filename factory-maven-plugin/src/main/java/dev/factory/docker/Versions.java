package dev.factory.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Version numbers as tools print them: "v0.17.1", "0.13.1+ds1", "26.1.5+dfsg1". */
final class Versions {
    private static final Pattern NUMBER = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private Versions() {}

    static int[] parse(String text) {
        Matcher m = NUMBER.matcher(text == null ? "" : text);
        if (!m.find()) {
            return new int[]{0, 0, 0};
        }
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }

    /**
     * {@code linux/x86_64} (what {@code docker info} says, the kernel's name) as an OCI platform,
     * {@code linux/amd64}; names that are already Go's pass through.
     */
    static String platform(String osAndMachine) {
        int slash = osAndMachine.indexOf('/');
        String os = slash < 0 ? "linux" : osAndMachine.substring(0, slash);
        String machine = slash < 0 ? osAndMachine : osAndMachine.substring(slash + 1);
        String arch = switch (machine) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "armv7l", "armhf" -> "arm/v7";
            case "armv6l" -> "arm/v6";
            case "i386", "i686" -> "386";
            default -> machine;
        };
        return os + "/" + arch;
    }

    /** The first version-looking word after the tool name, e.g. "0.13.1+ds1" from "github.com/docker/buildx 0.13.1+ds1 abc". */
    static String firstVersion(String text) {
        for (String word : text.trim().split("\\s+")) {
            if (NUMBER.matcher(word).lookingAt()) {
                return word.startsWith("v") ? word.substring(1) : word;
            }
        }
        return "unknown";
    }
}
