package dev.factory.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.factory.io.Text;
import java.util.Map;
import java.util.TreeMap;

/** Package URLs in their canonical form (packageurl-java: percent-encoding, sorted qualifiers). */
final class Purls {
    private Purls() {}

    /**
     * The canonical purl, or null when the parts cannot form one (then the component has no purl, which
     * is better than a wrong one). Null or blank qualifier values are left out.
     */
    static String of(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
        TreeMap<String, String> q = new TreeMap<>();
        if (qualifiers != null) {
            qualifiers.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    q.put(k, v);
                }
            });
        }
        try {
            return new PackageURL(type, Text.blankToNull(namespace), name, Text.blankToNull(version),
                    q.isEmpty() ? null : q, null)
                    .canonicalize();
        } catch (MalformedPackageURLException | IllegalArgumentException e) {
            return null;
        }
    }

    static String of(String type, String namespace, String name, String version) {
        return of(type, namespace, name, version, null);
    }
}
