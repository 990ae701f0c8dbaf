package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA} (wheels, pip) and
 * {@code *.egg-info/PKG-INFO} or a {@code *.egg-info} file (setuptools, Debian's python3-* packages).
 * Only the header block (up to the first blank line) is read, not the long description.
 */
final class PythonCataloger implements Cataloger {
    private final List<FoundPackage> found = new ArrayList<>();

    @Override
    public boolean wants(String path) {
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO")
                || path.endsWith(".egg-info");
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        String name = null;
        String version = null;
        BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 8 * 1024);
        for (String line; (line = reader.readLine()) != null && !line.isEmpty();) {
            if (name == null && line.startsWith("Name:")) {
                name = line.substring(5).trim();
            } else if (version == null && line.startsWith("Version:")) {
                version = line.substring(8).trim();
            }
        }
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            return;
        }
        String location = path.endsWith(".egg-info") ? path : path.substring(0, path.lastIndexOf('/'));
        found.add(new FoundPackage("python", name, version)
                .purl(Purls.of("pypi", null, normalize(name), version))
                .property(SbomProperties.PATH, "/" + location));
    }

    /** PEP 503: lower case, each run of {@code -}, {@code _} and {@code .} becomes one {@code -}. */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    @Override
    public List<FoundPackage> packages(Distro distro) {
        return found;
    }
}
