package dev.factory.sbom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads "Key: value" stanzas separated by blank lines: the format of dpkg's status file and of apk's
 * installed database (where keys are single, case-sensitive letters: {@code P:} is not {@code p:}).
 * Only the first line of the wanted keys is kept; continuation lines (starting with a space) and other
 * keys are skipped, so that long descriptions and file lists cost nothing but the read.
 */
final class Stanzas {
    private Stanzas() {}

    /** Parses {@code in} to its end without closing it. */
    static List<Map<String, String>> read(InputStream in, Set<String> keys) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = new HashMap<>();
        boolean open = false;
        for (String line; (line = reader.readLine()) != null;) {
            if (line.isBlank()) {
                if (open) {
                    stanzas.add(current);
                    current = new HashMap<>();
                    open = false;
                }
                continue;
            }
            open = true;
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon);
            if (keys.contains(key)) {
                current.put(key, line.substring(colon + 1).trim());
            }
        }
        if (open) {
            stanzas.add(current);
        }
        return stanzas;
    }
}
