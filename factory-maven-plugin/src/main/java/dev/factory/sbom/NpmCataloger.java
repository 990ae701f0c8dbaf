package dev.factory.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.io.Json;
import dev.factory.oci.FsEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * npm packages: the {@code package.json} at the root of each package under a {@code node_modules}
 * folder ({@code node_modules/<name>/} or {@code node_modules/@scope/<name>/}), with a name and a version.
 * Files deeper inside a package (e.g. {@code lib/package.json} markers) are not packages.
 */
final class NpmCataloger implements Cataloger {
    private static final String FILE = "/package.json";
    private static final String MODULES = "node_modules";

    private final Consumer<String> warnings;
    private final List<FoundPackage> found = new ArrayList<>();

    NpmCataloger(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    @Override
    public boolean wants(String path) {
        if (!path.endsWith(FILE)) {
            return false;
        }
        String[] s = path.split("/");
        int n = s.length;
        String name = n >= 2 ? s[n - 2] : "";
        if (name.isEmpty() || name.startsWith(".") || name.startsWith("@")) {
            return false;
        }
        if (n >= 3 && s[n - 3].equals(MODULES)) {
            return true;
        }
        return n >= 4 && s[n - 3].startsWith("@") && s[n - 4].equals(MODULES);
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(content.readAllBytes());
        } catch (JsonProcessingException e) {
            warnings.accept("Skipped /" + path + ": it is not valid JSON (" + e.getOriginalMessage() + ").");
            return;
        }
        if (json == null || !json.path("name").isTextual() || !json.path("version").isTextual()) {
            return;
        }
        String fullName = json.get("name").asText();
        String version = json.get("version").asText();
        if (fullName.isBlank() || version.isBlank()) {
            return;
        }
        String scope = null;
        String name = fullName;
        int slash = fullName.indexOf('/');
        if (fullName.startsWith("@") && slash > 0) {
            scope = fullName.substring(0, slash);
            name = fullName.substring(slash + 1);
        }
        FoundPackage p = new FoundPackage("npm", name, version)
                .group(scope)
                .purl(Purls.of("npm", scope, name, version))
                .property(SbomProperties.PATH, "/" + path.substring(0, path.length() - FILE.length()));
        JsonNode license = json.get("license");
        if (license != null && license.isTextual()) {
            p.license(license.asText());
        }
        found.add(p);
    }

    @Override
    public List<FoundPackage> packages(Distro distro) {
        return found;
    }
}
