package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Alpine (and Wolfi) packages from apk's installed database, {@code lib/apk/db/installed}. */
final class ApkCataloger implements Cataloger {
    static final String INSTALLED = "lib/apk/db/installed";
    private static final Set<String> KEYS = Set.of("P", "V", "A", "L", "o");

    private final List<Map<String, String>> stanzas = new ArrayList<>();

    @Override
    public boolean wants(String path) {
        return path.equals(INSTALLED);
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        stanzas.addAll(Stanzas.read(content, KEYS));
    }

    @Override
    public List<FoundPackage> packages(Distro distro) {
        String namespace = distro == null ? "alpine" : distro.namespace("alpine");
        String qualifier = distro == null ? null : distro.qualifier();
        List<FoundPackage> out = new ArrayList<>();
        for (Map<String, String> s : stanzas) {
            String name = s.get("P");
            String version = s.get("V");
            if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
                continue;
            }
            String arch = s.get("A");
            out.add(new FoundPackage("apk", name, version)
                    .purl(Purls.of("apk", namespace, name, version, Map.of("arch", arch == null ? "" : arch,
                            "distro", qualifier == null ? "" : qualifier)))
                    .license(s.get("L"))
                    .property(SbomProperties.APK_ARCHITECTURE, arch)
                    .property(SbomProperties.APK_ORIGIN, s.get("o"))
                    .property(SbomProperties.PATH, "/" + INSTALLED));
        }
        return out;
    }
}
