package dev.factory.sbom;

import dev.factory.io.Text;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The image's distribution from {@code os-release}: what purls of system packages need as namespace
 * ({@code debian}) and {@code distro} qualifier ({@code debian-12}).
 *
 * @param id {@code ID}, lower case, e.g. {@code debian}, {@code alpine}
 * @param versionId {@code VERSION_ID} (absent on Debian testing/unstable), e.g. {@code 12}
 * @param codename {@code VERSION_CODENAME}, e.g. {@code bookworm}
 * @param prettyName {@code PRETTY_NAME}
 */
public record Distro(String id, String versionId, String codename, String prettyName) {

    /** Parses os-release text (shell-style {@code KEY=value}, values optionally quoted). */
    public static Distro parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        text.lines().forEach(line -> {
            String trimmed = line.trim();
            int eq = trimmed.indexOf('=');
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && eq > 0) {
                fields.put(trimmed.substring(0, eq), unquote(trimmed.substring(eq + 1)));
            }
        });
        String id = fields.get("ID");
        return new Distro(id == null ? null : id.toLowerCase(Locale.ROOT), Text.blankToNull(fields.get("VERSION_ID")),
                Text.blankToNull(fields.get("VERSION_CODENAME")), Text.blankToNull(fields.get("PRETTY_NAME")));
    }

    /** The purl namespace for this distribution's packages, or {@code fallback} when the id is unknown. */
    public String namespace(String fallback) {
        return id == null || id.isBlank() ? fallback : id;
    }

    /** The purl {@code distro} qualifier: {@code debian-12}, else {@code debian-trixie}, else null. */
    public String qualifier() {
        if (id == null) {
            return null;
        }
        if (versionId != null) {
            return id + "-" + versionId;
        }
        return codename == null ? null : id + "-" + codename;
    }

    /** The version for the operating-system component: VERSION_ID, else the codename. */
    public String version() {
        return versionId != null ? versionId : codename;
    }

    private static String unquote(String raw) {
        String v = raw.trim();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
            StringBuilder out = new StringBuilder(v.length());
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length()) {
                    c = v.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return v;
    }
}
