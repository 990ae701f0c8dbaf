package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Debian packages from dpkg's database: {@code var/lib/dpkg/status}, and the one-file-per-package
 * {@code var/lib/dpkg/status.d/} that distroless images use instead. A package counts when dpkg's state
 * (the third word of {@code Status}) is {@code installed}, whatever the selection (install, hold,
 * deinstall): that is what {@code dpkg-query} lists with a version. status.d stanzas have no Status.
 *
 * <p>The packages' file lists ({@code info/<package>.list}, or {@code status.d/<package>.md5sums} where there are
 * no lists) are kept as text, to say which package owns a file that a classifier recognised ({@link #owner}).
 */
final class DpkgCataloger implements Cataloger {
    static final String STATUS = "var/lib/dpkg/status";
    static final String STATUS_D = "var/lib/dpkg/status.d/";
    static final String INFO = "var/lib/dpkg/info/";
    /** A file list longer than this (the largest Debian packages list a few MB) is not kept. */
    static final int LIST_LIMIT = 32 * 1024 * 1024;
    private static final Set<String> KEYS = Set.of("Package", "Status", "Version", "Architecture", "Source");

    private record Found(String path, Map<String, String> fields) {}

    private final List<Found> found = new ArrayList<>();
    /** File lists: {@code <package>[:<arch>]} to the list's text, one absolute path (or md5sums line) a line. */
    private final Map<String, String> lists = new HashMap<>();

    @Override
    public boolean wants(String path) {
        if (path.equals(STATUS)) {
            return true;
        }
        if (path.startsWith(INFO) && path.endsWith(".list") && path.indexOf('/', INFO.length()) < 0) {
            return true;
        }
        // status.d/<package> holds a stanza; status.d/<package>.md5sums the file sums (the file list there)
        return path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0;
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        if (path.endsWith(".list") && path.startsWith(INFO)) {
            keepList(path.substring(INFO.length(), path.length() - ".list".length()), content);
            return;
        }
        if (path.endsWith(".md5sums")) {
            keepList(path.substring(STATUS_D.length(), path.length() - ".md5sums".length()), content);
            return;
        }
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

    private void keepList(String pkg, InputStream content) throws IOException {
        byte[] bytes = content.readNBytes(LIST_LIMIT);
        lists.put(pkg, new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * The package ({@code name} or {@code name:arch}, as its list is named) that lists the image file {@code path}
     * (relative, physical: no symlinked directory in it), or null. A list names files by the path the package was
     * built with ({@code /bin/busybox}), which in a merged-/usr image lies under a symlink ({@code bin -> usr/bin}):
     * a listed path counts when its directory, resolved by {@code realDirectory}, is the file's.
     */
    String owner(String path, UnaryOperator<String> realDirectory) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String directory = slash < 0 ? "" : path.substring(0, slash);
        String needle = "/" + name;
        for (Map.Entry<String, String> e : new TreeMap<>(lists).entrySet()) {
            String text = e.getValue();
            for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
                int end = at + needle.length();
                if (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                    continue;
                }
                int start = text.lastIndexOf('\n', at) + 1;
                String listed = text.substring(start, at);
                int sums = listed.indexOf("  ");
                if (sums >= 0) {
                    listed = listed.substring(sums + 2); // md5sums: "<md5>  usr/bin/foo"
                }
                if (directory.equals(realDirectory.apply(BuiltinCataloger.normalize(listed)))) {
                    return e.getKey();
                }
            }
        }
        return null;
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
