package dev.factory.sbom;

import dev.factory.oci.FsEntry;
import dev.factory.oci.ImageFilesystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Factory's own cataloger: one walk over an image's final filesystem, handing each regular file to the
 * first cataloger that wants its path (dpkg, apk, Java archives, Python, npm). Files nobody wants are
 * never read. os-release is picked up on the way for the purls' distro.
 */
public final class BuiltinCataloger {
    static final String ETC_OS_RELEASE = "etc/os-release";
    static final String USR_OS_RELEASE = "usr/lib/os-release";

    private final long archiveInMemoryLimit;

    public BuiltinCataloger() {
        this(JavaArchiveCataloger.IN_MEMORY_LIMIT);
    }

    /** {@code archiveInMemoryLimit}: Java archives larger than this are streamed instead of indexed in memory. */
    BuiltinCataloger(long archiveInMemoryLimit) {
        this.archiveInMemoryLimit = archiveInMemoryLimit;
    }

    /** Runs one walk over the image; each call starts afresh. */
    public Catalog catalog(ImageFilesystem filesystem) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<Cataloger> catalogers = List.of(new DpkgCataloger(), new ApkCataloger(),
                new JavaArchiveCataloger(warnings::add, archiveInMemoryLimit), new PythonCataloger(),
                new NpmCataloger(warnings::add));
        Map<String, String> osReleaseFiles = new HashMap<>();
        Map<String, String> osReleaseLinks = new HashMap<>();
        long[] seen = {0};
        filesystem.walk((entry, content) -> {
            seen[0]++;
            String path = normalize(entry.path());
            if (path.equals(ETC_OS_RELEASE) || path.equals(USR_OS_RELEASE)) {
                if (entry.type() == FsEntry.Type.FILE) {
                    osReleaseFiles.put(path, new String(content.readNBytes(64 * 1024), StandardCharsets.UTF_8));
                } else if (entry.type() == FsEntry.Type.SYMLINK || entry.type() == FsEntry.Type.HARDLINK) {
                    osReleaseLinks.put(path, entry.linkTarget());
                }
                return;
            }
            if (entry.type() != FsEntry.Type.FILE) {
                return;
            }
            for (Cataloger c : catalogers) {
                if (c.wants(path)) {
                    c.read(entry, path, content);
                    return;
                }
            }
        });
        Distro distro = osRelease(osReleaseFiles, osReleaseLinks);
        Map<String, FoundPackage> byRef = new LinkedHashMap<>();
        for (Cataloger c : catalogers) {
            for (FoundPackage p : c.packages(distro)) {
                FoundPackage known = byRef.putIfAbsent(p.bomRef(), p);
                if (known != null) {
                    known.merge(p);
                }
            }
        }
        List<FoundPackage> packages = new ArrayList<>(byRef.values());
        packages.sort(FoundPackage.ORDER);
        warnings.sort(null);
        return new Catalog(distro, List.copyOf(packages), List.copyOf(warnings), seen[0]);
    }

    /**
     * etc/os-release wins; it is usually a symlink to ../usr/lib/os-release (or an absolute path), which is
     * followed within the two files collected. A hard link's target is already an image path.
     */
    static Distro osRelease(Map<String, String> files, Map<String, String> links) {
        String text = files.get(ETC_OS_RELEASE);
        if (text == null && links.containsKey(ETC_OS_RELEASE)) {
            text = files.get(resolve("etc/", links.get(ETC_OS_RELEASE)));
        }
        if (text == null) {
            text = files.get(USR_OS_RELEASE);
        }
        return text == null ? null : Distro.parse(text);
    }

    /** A symlink target resolved against its directory, as an image path without a leading slash. */
    static String resolve(String dir, String target) {
        if (target == null) {
            return null;
        }
        String joined = target.startsWith("/") ? target : dir + target;
        List<String> parts = new ArrayList<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** The contract says no leading slash; tolerate {@code ./} and {@code /} anyway, they cost nothing. */
    static String normalize(String path) {
        int start = 0;
        while (start < path.length() && (path.charAt(start) == '/' || path.startsWith("./", start))) {
            start += path.charAt(start) == '/' ? 1 : 2;
        }
        return start == 0 ? path : path.substring(start);
    }
}
