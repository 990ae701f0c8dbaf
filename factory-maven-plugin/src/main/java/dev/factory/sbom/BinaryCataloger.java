package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Programs no package manager lists, recognised by their own bytes: busybox, Python, Node.js (each by the version
 * string compiled into it, found by name first, as syft's binary classifiers do) and any Go binary (by the build
 * information the Go linker embeds). Each finding is one component with a generic (or golang) purl and a CPE, and
 * properties naming the classifier and the file.
 *
 * <p>Reading is bounded: a named binary is searched chunk by chunk until its version string turns up
 * ({@link StreamSearch}), at most {@link #SCAN_LIMIT} bytes; an executable that is not claimed by name is read for its
 * ELF header and notes only, and further only when it is a Go binary ({@link GoBuildInfo}).
 */
final class BinaryCataloger implements Cataloger {
    static final String CATALOGER = "binary";
    /** The most of one named binary searched for its version (Debian's libnode has it 38 MB in). */
    static final long SCAN_LIMIT = 512L * 1024 * 1024;
    /** Executables smaller than this are scripts or stubs, not worth opening. */
    static final long MIN_EXECUTABLE = 1024;
    private static final Pattern BUSYBOX_VERSION = Pattern.compile("BusyBox\\s+v([0-9]+\\.[0-9]+\\.[0-9]+)");
    private static final Pattern NODE_VERSION = Pattern.compile("node\\.js/v([0-9]+\\.[0-9]+\\.[0-9]+)");
    private static final Pattern GO_VERSION = Pattern
            .compile("go([0-9]+\\.[0-9]+(?:\\.[0-9]+|(?:rc|beta)[0-9]+)?)(?:\\s.*)?");

    /**
     * One classifier: which file names it reads, how to find the version in their bytes, and the component it makes.
     * The facts (names, version strings, purls, CPEs) are those of syft's classifiers, except the lib ones for
     * Node.js, which syft lacks: Debian's /usr/bin/node is a 26 KB stub, its version lives in libnode.so.
     */
    enum Classifier {
        BUSYBOX("busybox-binary", Pattern.compile("busybox"), "busybox", "busybox", "busybox"),
        PYTHON("python-binary", Pattern.compile("python([0-9]+(?:\\.[0-9]+)+)"), "python", "python_software_foundation",
                "python"),
        PYTHON_LIB("python-binary-lib", Pattern.compile("libpython([0-9]+(?:\\.[0-9]+)+)[a-z]?\\.so.*"), "python",
                "python_software_foundation", "python"),
        NODE("node-binary", Pattern.compile("node"), "node", "nodejs", "node.js"),
        NODE_LIB("node-binary-lib", Pattern.compile("libnode\\.so(?:\\.[0-9]+)*"), "node", "nodejs", "node.js");

        final String id;
        final Pattern fileName;
        final String packageName;
        final String cpeVendor;
        final String cpeProduct;

        Classifier(String id, Pattern fileName, String packageName, String cpeVendor, String cpeProduct) {
            this.id = id;
            this.fileName = fileName;
            this.packageName = packageName;
            this.cpeVendor = cpeVendor;
            this.cpeProduct = cpeProduct;
        }

        /** The version in the file's bytes, or null; {@code nameMatch} is the file name matched against {@link #fileName}. */
        String version(InputStream content, Matcher nameMatch) throws IOException {
            return switch (this) {
                // "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary."
                case BUSYBOX -> StreamSearch.find(content, SCAN_LIMIT, ascii("BusyBox"), BUSYBOX_VERSION, 64);
                // the interpreter's own version as a NUL-terminated string, its major.minor taken from the file name
                case PYTHON, PYTHON_LIB -> {
                    String prefix = nameMatch.group(1);
                    yield StreamSearch.find(content, SCAN_LIMIT, ascii("\0" + prefix),
                            Pattern.compile("\\x00(" + Pattern.quote(prefix) + "[-._a-zA-Z0-9]*)\\x00"), 64);
                }
                // "node.js/v18.20.4" (from v8's user agent); Node 0.x to 6 wrote the version differently and are not read
                case NODE, NODE_LIB -> StreamSearch.find(content, SCAN_LIMIT, ascii("node.js/v"), NODE_VERSION, 64);
            };
        }
    }

    private final List<FoundPackage> found = new ArrayList<>();

    @Override
    public boolean wants(String path) {
        return classifierFor(name(path)) != null;
    }

    /** Named binaries, and executables big enough to be a Go program. */
    @Override
    public boolean wants(FsEntry entry, String path) {
        return wants(path) || (entry.mode() & 0111) != 0 && entry.size() >= MIN_EXECUTABLE;
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        String name = name(path);
        Classifier c = classifierFor(name);
        if (c != null) {
            Matcher m = c.fileName.matcher(name);
            m.matches();
            String version = c.version(content, m);
            if (version != null) {
                found.add(new FoundPackage(CATALOGER, c.packageName, version)
                        .purl(Purls.of("generic", null, c.packageName, version))
                        .cpeWhenWritten(() -> Cpes.application(c.cpeVendor, c.cpeProduct, version))
                        .property(SbomProperties.CLASSIFIER, c.id)
                        .property(SbomProperties.PATH, "/" + path));
            }
            return;
        }
        GoBuildInfo.Info info = GoBuildInfo.read(content);
        if (info != null) {
            found.addAll(goPackages(info, "/" + path));
        }
    }

    /**
     * The Go toolchain that built the binary (purl {@code pkg:golang/stdlib}, CPE golang:go, as syft names it),
     * the main module when it has a version, and the modules it was built with.
     */
    static List<FoundPackage> goPackages(GoBuildInfo.Info info, String path) {
        List<FoundPackage> out = new ArrayList<>();
        String go = goVersion(info.goVersion());
        if (go != null) {
            out.add(goPackage("stdlib", go, info, path)
                    .cpeWhenWritten(() -> Cpes.application("golang", "go", go, "-")));
        }
        if (info.main() != null && !"(devel)".equals(info.main().version())) {
            out.add(goPackage(info.main().path(), info.main().version(), info, path));
        }
        for (GoBuildInfo.Module dep : info.deps()) {
            out.add(goPackage(dep.path(), dep.version(), info, path));
        }
        return out;
    }

    private static FoundPackage goPackage(String module, String version, GoBuildInfo.Info info, String path) {
        int slash = module.lastIndexOf('/');
        String namespace = slash < 0 ? null : module.substring(0, slash);
        String name = module.substring(slash + 1);
        return new FoundPackage(CATALOGER, module, version)
                .purl(Purls.of("golang", namespace, name, version))
                .property(SbomProperties.CLASSIFIER, "go-buildinfo")
                .property(SbomProperties.GO_MAIN_PACKAGE, info.mainPackage())
                .property(SbomProperties.PATH, path);
    }

    /** {@code go1.19.8} → {@code 1.19.8}; {@code go1.21.0 X:boringcrypto} → {@code 1.21.0}; a devel toolchain → null. */
    static String goVersion(String raw) {
        Matcher m = GO_VERSION.matcher(raw);
        return m.matches() ? m.group(1) : null;
    }

    static Classifier classifierFor(String name) {
        // asked for nearly every file of the image: a prefix test spares the patterns
        if (!(name.startsWith("busybox") || name.startsWith("python") || name.startsWith("node")
                || name.startsWith("lib") && (name.startsWith("libpython") || name.startsWith("libnode")))) {
            return null;
        }
        for (Classifier c : Classifier.values()) {
            if (c.fileName.matcher(name).matches()) {
                return c;
            }
        }
        return null;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public List<FoundPackage> packages(Distro distro) {
        return found;
    }
}
