package dev.factory.bake;

import dev.factory.FactoryException;
import dev.factory.oci.ImageReference;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a build starts from, written as buildx names them in its errors
 * ({@code busybox:1.35} is {@code docker.io/library/busybox:1.35}), so that a base buildx cannot resolve
 * can be matched to every target that needs it.
 */
final class BaseImages {
    private static final Pattern FROM = Pattern.compile("^\\s*FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private BaseImages() {}

    /** buildx's full form of a reference; an unparsable one stays as written (it can then only match itself). */
    static String normalize(String reference) {
        try {
            return ImageReference.parse(reference).toString();
        } catch (FactoryException e) {
            return reference.trim();
        }
    }

    /**
     * The build's base from builds.json (after the mirror) and every FROM of its Dockerfile (fragments may add
     * stages of their own); FROMs that name an earlier stage or use a build argument are left out.
     */
    static Set<String> of(String base, String dockerfile) {
        Set<String> out = new LinkedHashSet<>();
        if (base != null && !base.isBlank()) {
            out.add(normalize(base));
        }
        Set<String> stages = new HashSet<>();
        for (String line : dockerfile == null ? new String[0] : dockerfile.split("\n")) {
            Matcher m = FROM.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String ref = m.group(1);
            if (!ref.contains("$") && !stages.contains(ref.toLowerCase(Locale.ROOT))
                    && !ref.equalsIgnoreCase("scratch")) {
                out.add(normalize(ref));
            }
            if (m.group(2) != null) {
                stages.add(m.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
