package dev.factory.sbom;

import us.springett.parsers.cpe.CpeBuilder;
import us.springett.parsers.cpe.exceptions.CpeValidationException;
import us.springett.parsers.cpe.values.LogicalValue;
import us.springett.parsers.cpe.values.Part;

/** CPE 2.3 formatted strings for applications, escaped and validated by cpe-parser. */
final class Cpes {
    private Cpes() {}

    /**
     * {@code cpe:2.3:a:<vendor>:<product>:<version>:<update>:*:...}, or null when the parts do not form a valid
     * name (then the component has no CPE, which is better than a wrong one). A null update is ANY ({@code *}),
     * {@code "-"} is NA.
     */
    static String application(String vendor, String product, String version, String update) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            CpeBuilder b = new CpeBuilder().part(Part.APPLICATION).vendor(vendor).product(product).version(version);
            if ("-".equals(update)) {
                b.update(LogicalValue.NA);
            } else if (update != null) {
                b.update(update);
            }
            return b.build().toCpe23FS();
        } catch (CpeValidationException | RuntimeException e) {
            return null;
        }
    }

    static String application(String vendor, String product, String version) {
        return application(vendor, product, version, null);
    }
}
