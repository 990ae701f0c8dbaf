package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debian packages from dpkg's database: {@code var/lib/dpkg/status}, and the one-file-per-package
 * {@code var/lib/dpkg/status.d/} that distroless images use instead. A package counts when dpkg's state
 * (the third word of {@code Status}) is {@code installed}, whatever the selection (install, hold,
 * deinstall): that is what {@code dpkg-query} lists with a version. status.d stanzas have no Status.
 */
final class DpkgCataloger implements Cataloger {
    static final String STATUS = "var/lib/dpkg/status";
    static final String STATUS_D = "var/lib/dpkg/status.d/";
    private static final Set<String> KEYS = Set.of("Package", "Status", "Version", "Architecture", "Source");

    private record Found(String path, Map<String, String> fields) {}

    private final List<Found> found = new ArrayList<>();

    @Override
    public boolean wants(String path) {
        if (path.equals(STATUS)) {
            return true;
        }
        // status.d/<package> holds a stanza; status.d/<package>.md5sums the file sums, which we skip
        return path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0 && !path.endsWith(".md5sums");
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        for (Map<String, String> stanza : Stanzas.read(content, KEYS)) {
            found.add(new Found(path, stanza));
        }
    }

    @Override
    public List<FoundPackage> packages(Distro distro) {
        String namespace = distro == null ? "debian" : distro.namespace("debian");
        String qualifier = distro == null ? null : distro.qualifier();
        List<FoundPackage> out = new ArrayList<>();
        for (Found f : found) {
            Map<String, String> s = f.fields();
            String name = s.get("Package");
            String version = s.get("Version");
            if (name == null || name.isEmpty() || version == null || version.isEmpty() || !installed(s.get("Status"))) {
                continue;
            }
            String arch = s.get("Architecture");
            FoundPackage p = new FoundPackage("dpkg", name, version)
                    .purl(Purls.of("deb", namespace, name, version, Map.of("arch", nullToEmpty(arch),
                            "distro", nullToEmpty(qualifier))))
                    .property(SbomProperties.DEB_ARCHITECTURE, arch)
                    .property(SbomProperties.DEB_SOURCE, s.get("Source"))
                    .property(SbomProperties.PATH, "/" + f.path());
            out.add(p);
        }
        return out;
    }

    /** {@code Status: <want> <flag> <state>}; absent (status.d) means installed. */
    static boolean installed(String status) {
        if (status == null) {
            return true;
        }
        String[] words = status.trim().split("\\s+");
        return words.length == 3 && "installed".equals(words[2]);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
