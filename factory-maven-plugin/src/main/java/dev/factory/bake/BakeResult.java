package dev.factory.bake;

import java.util.List;
import java.util.Map;

/**
 * What a bake produced: each build's image.json, and the targets that failed with their errors.
 */
public record BakeResult(List<ImageJson> images, Map<String, String> failures) {

    /** A table of build, platform, result, for the log and the failure message. */
    public String table() {
        int w = Math.max(5, images.stream().mapToInt(i -> i.build().length()).max().orElse(5));
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-" + w + "s  %-14s  %s%n", "build", "platform", "result"));
        for (ImageJson image : images) {
            for (ImageJson.PlatformImage p : image.platforms()) {
                String result = p.built() ? "built " + shortDigest(p.digest()) + "  " + p.ref()
                        : "FAILED: " + firstLine(p.error());
                s.append(String.format("%-" + w + "s  %-14s  %s%n", image.build(), p.platform(), result));
            }
        }
        return s.toString().stripTrailing();
    }

    private static String shortDigest(String digest) {
        return digest == null ? "" : digest.replace("sha256:", "").substring(0, Math.min(12, digest.length() - 7));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
