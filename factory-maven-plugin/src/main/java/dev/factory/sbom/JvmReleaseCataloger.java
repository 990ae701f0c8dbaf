package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JDKs and JREs by their {@code release} file (every OpenJDK build since 9 has one at the top of its home:
 * {@code JAVA_VERSION}, {@code JAVA_RUNTIME_VERSION}, {@code IMPLEMENTOR}, ...). Named as syft names a JVM
 * installation, so that scanners match it the same way: purl {@code pkg:generic/<vendor>/<product>@<version>}, CPE
 * {@code <vendor>:<product>:<version without the build>}, where vendor and product follow NVD's names
 * (OpenJDK builds are {@code oracle/openjdk}, whoever built them; Azul's are {@code azul/zulu}; Oracle's own
 * {@code oracle/jdk} or {@code oracle/jre}).
 */
final class JvmReleaseCataloger implements Cataloger {
    static final String CATALOGER = "jvm";
    static final String CLASSIFIER = "jvm-release";
    /** A release file is a few KB; anything named {@code release} is read up to this much. */
    static final int RELEASE_LIMIT = 64 * 1024;

    private record Release(String path, Map<String, String> fields) {}

    private final List<Release> releases = new ArrayList<>();
    /** Directories that hold a {@code bin/javac}: JDKs. */
    private final Set<String> jdkHomes = new HashSet<>();

    @Override
    public boolean wants(String path) {
        return path.equals("release") || path.endsWith("/release") || path.endsWith("/bin/javac");
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        if (path.endsWith("/bin/javac")) {
            jdkHomes.add(path.substring(0, path.length() - "/bin/javac".length()));
            return;
        }
        Map<String, String> fields = parse(content);
        if (fields.containsKey("JAVA_VERSION") || fields.containsKey("JAVA_RUNTIME_VERSION")) {
            releases.add(new Release(path, fields));
        }
    }

    static Map<String, String> parse(InputStream content) throws IOException {
        Map<String, String> fields = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(content.readNBytes(RELEASE_LIMIT)), StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null;) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            fields.put(line.substring(0, eq).trim(), value);
        }
        return fields;
    }

    @Override
    public List<FoundPackage> packages(Distro distro) {
        List<FoundPackage> out = new ArrayList<>();
        for (Release r : releases) {
            out.add(component(r.path(), r.fields(), jdkHomes.contains(home(r.path()))));
        }
        return out;
    }

    static FoundPackage component(String path, Map<String, String> f, boolean hasJavac) {
        String version = version(f);
        String implementor = f.getOrDefault("IMPLEMENTOR", "").toLowerCase(Locale.ROOT).replace(" ", "");
        String imageType = f.getOrDefault("IMAGE_TYPE", "");
        String product = hasJavac || !imageType.toLowerCase(Locale.ROOT).contains("jre") ? "jdk" : "jre";
        String vendor;
        if (implementor.contains("azul") || path.contains("zulu")) {
            vendor = "azul";
            product = "zulu";
        } else if (implementor.contains("sun")) {
            vendor = "sun";
        } else if (implementor.contains("oracle") || path.contains("oracle")) {
            vendor = "oracle";
        } else {
            vendor = "oracle";
            product = "openjdk";
        }
        String repository = f.get("SOURCE_REPO") != null ? f.get("SOURCE_REPO") : f.get("BUILD_SOURCE_REPO");
        String cpeVendor = vendor;
        String cpeProduct = product;
        return new FoundPackage(CATALOGER, product, version)
                .purl(Purls.of("generic", vendor, product, version,
                        repository == null ? null : Map.of("repository_url", repository)))
                .cpeWhenWritten(() -> cpe(cpeVendor, cpeProduct, version))
                .property(SbomProperties.CLASSIFIER, CLASSIFIER)
                .property(SbomProperties.PATH, "/" + path)
                .property(SbomProperties.JVM_IMPLEMENTOR, f.get("IMPLEMENTOR"))
                .property(SbomProperties.JVM_IMPLEMENTOR_VERSION, f.get("IMPLEMENTOR_VERSION"))
                .property(SbomProperties.JVM_JAVA_VERSION, f.get("JAVA_VERSION"))
                .property(SbomProperties.JVM_RUNTIME_VERSION, f.get("JAVA_RUNTIME_VERSION"))
                .property(SbomProperties.JVM_IMAGE_TYPE, f.get("IMAGE_TYPE"));
    }

    /**
     * JAVA_RUNTIME_VERSION (the most precise: {@code 17.0.19+10-1-deb12u2-Debian}), else FULL_VERSION when it is the
     * same feature release as JAVA_VERSION, else JAVA_VERSION.
     */
    static String version(Map<String, String> f) {
        String runtime = f.get("JAVA_RUNTIME_VERSION");
        if (runtime != null && !runtime.isBlank()) {
            return runtime;
        }
        String java = f.getOrDefault("JAVA_VERSION", "");
        String full = f.get("FULL_VERSION");
        if (full != null && !full.isBlank() && full.split("\\.")[0].equals(java.split("\\.")[0])) {
            return full;
        }
        return java.isBlank() ? null : java;
    }

    /**
     * The CPE's version and update: {@code 17.0.19+10-...} gives 17.0.19; the legacy {@code 1.8.0_302-b08} gives
     * 1.8.0 with update {@code update302}, as NVD writes Java 8's updates.
     */
    static String cpe(String vendor, String product, String version) {
        if (version == null) {
            return null;
        }
        String update = null;
        String base = version;
        int underscore = version.indexOf('_');
        int plus = version.indexOf('+');
        if (underscore > 0) {
            base = version.substring(0, underscore);
            String u = version.substring(underscore + 1).split("-")[0].replaceFirst("^0+(?=.)", "");
            update = u.isEmpty() ? null : "update" + u;
        } else if (plus > 0) {
            base = version.substring(0, plus);
        }
        return Cpes.application(vendor, product, base, update);
    }

    private static String home(String releasePath) {
        int slash = releasePath.lastIndexOf('/');
        return slash < 0 ? "" : releasePath.substring(0, slash);
    }
}
