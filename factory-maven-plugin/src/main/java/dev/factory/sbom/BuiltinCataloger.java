package dev.factory.sbom;

import dev.factory.io.SlashPaths;
import dev.factory.oci.FsEntry;
import dev.factory.oci.ImageFilesystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Factory's own cataloger: one walk over an image's final filesystem, handing each regular file to the
 * first cataloger that wants it (dpkg, apk, Java archives, Python, npm, JVM release files, then binaries by
 * name or, for Go, by their ELF notes). Files nobody wants are never read. os-release is picked up on the way
 * for the purls' distro, symlinks to tell which Debian package owns a classified file.
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

    /**
     * Runs one walk over the image (a second one only when a file some cataloger wants is a hard link to a file it
     * did not get, like busybox's {@code bin/busybox} linked to {@code bin/[}); each call starts afresh.
     */
    public Catalog catalog(ImageFilesystem filesystem) throws IOException {
        List<String> warnings = new ArrayList<>();
        DpkgCataloger dpkg = new DpkgCataloger();
        JvmReleaseCataloger jvm = new JvmReleaseCataloger();
        BinaryCataloger binaries = new BinaryCataloger();
        // binaries last: an executable jar or script is the other catalogers' to read
        List<Cataloger> catalogers = List.of(dpkg, new ApkCataloger(),
                new JavaArchiveCataloger(warnings::add, archiveInMemoryLimit), new PythonCataloger(),
                new NpmCataloger(warnings::add), jvm, binaries);
        Map<String, String> osReleaseFiles = new HashMap<>();
        Map<String, String> osReleaseLinks = new HashMap<>();
        Map<String, String> symlinks = new HashMap<>();
        Map<String, String> hardlinks = new HashMap<>();
        Map<String, Cataloger> wantedLinks = new HashMap<>();
        Map<String, Cataloger> handed = new HashMap<>();
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
            if (entry.type() == FsEntry.Type.SYMLINK) {
                symlinks.put(path, entry.linkTarget());
                return;
            }
            if (entry.type() == FsEntry.Type.HARDLINK) {
                hardlinks.put(path, normalize(entry.linkTarget()));
                Cataloger c = first(catalogers, entry, path);
                if (c != null) {
                    wantedLinks.put(path, c);
                }
                return;
            }
            if (entry.type() != FsEntry.Type.FILE) {
                return;
            }
            Cataloger c = first(catalogers, entry, path);
            if (c != null) {
                handed.put(path, c);
                c.read(entry, path, content);
            }
        });
        readLinkedFiles(filesystem, wantedLinks, hardlinks, handed);
        Distro distro = osRelease(osReleaseFiles, osReleaseLinks);
        List<FoundPackage> debs = dpkg.packages(distro);
        List<FoundPackage> found = new ArrayList<>(debs);
        for (Cataloger c : catalogers) {
            if (c == dpkg) {
                continue;
            }
            if (c == jvm || c == binaries) {
                found.addAll(withoutDpkgOwned(c.packages(distro), dpkg, debs, symlinks));
            } else {
                found.addAll(c.packages(distro));
            }
        }
        Map<String, FoundPackage> byRef = new LinkedHashMap<>();
        for (FoundPackage p : found) {
            FoundPackage known = byRef.putIfAbsent(p.bomRef(), p);
            if (known != null) {
                known.merge(p);
            }
        }
        List<FoundPackage> packages = new ArrayList<>(byRef.values());
        packages.sort(FoundPackage.ORDER);
        warnings.sort(null);
        return new Catalog(distro, List.copyOf(packages), List.copyOf(warnings), seen[0]);
    }

    private static Cataloger first(List<Cataloger> catalogers, FsEntry entry, String path) {
        for (Cataloger c : catalogers) {
            if (c.wants(entry, path)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Hands each wanted hard link the content of the file it is linked to, in a second walk, unless that file went
     * to the same cataloger by its own name in the first one. One link per file: the first by path.
     */
    private static void readLinkedFiles(ImageFilesystem filesystem, Map<String, Cataloger> wantedLinks,
            Map<String, String> hardlinks, Map<String, Cataloger> handed) throws IOException {
        Map<String, String> linkFor = new TreeMap<>();
        for (String link : new TreeSet<>(wantedLinks.keySet())) {
            String target = hardlinks.get(link);
            for (int hops = 0; hardlinks.containsKey(target) && hops < 64; hops++) {
                target = hardlinks.get(target);
            }
            Cataloger c = wantedLinks.get(link);
            // read already when the same cataloger wanted the file by its own name (an executable it only looked
            // at as a possible Go program, like busybox's bin/[, was not read as busybox)
            if (handed.get(target) != c || !c.wants(target)) {
                linkFor.putIfAbsent(target, link);
            }
        }
        if (linkFor.isEmpty()) {
            return;
        }
        filesystem.walk((entry, content) -> {
            String link = entry.type() == FsEntry.Type.FILE ? linkFor.get(normalize(entry.path())) : null;
            if (link != null) {
                FsEntry asLink = new FsEntry(link, FsEntry.Type.FILE, entry.size(), entry.mode(), entry.uid(),
                        entry.gid(),
                        null, entry.mtime());
                wantedLinks.get(link).read(asLink, link, content);
            }
        });
    }

    /**
     * What a classifier found in a file that a Debian package installed is not a component of its own: dpkg already
     * lists the package, and a second component (with a generic purl and a CPE) would make scanners report the same
     * vulnerabilities twice, once without Debian's fixes. The finding is kept on the package's component instead, as
     * properties ({@link SbomProperties#CLASSIFIED} and the classifier's own). See docs/sbom.md.
     */
    private static List<FoundPackage> withoutDpkgOwned(List<FoundPackage> findings, DpkgCataloger dpkg,
            List<FoundPackage> debs, Map<String, String> symlinks) {
        if (debs.isEmpty()) {
            return findings;
        }
        List<FoundPackage> kept = new ArrayList<>();
        for (FoundPackage f : findings) {
            String path = f.property(SbomProperties.PATH).get(0);
            String owner = dpkg.owner(normalize(path), dir -> realPath(dir, symlinks));
            List<FoundPackage> owners = owner == null ? List.of() : debsNamed(debs, owner);
            if (owners.isEmpty()) {
                kept.add(f);
                continue;
            }
            for (FoundPackage deb : owners) {
                deb.property(SbomProperties.CLASSIFIED, f.purl() + " " + path);
                f.properties().forEach((key, values) -> {
                    if (!key.equals(SbomProperties.CATALOGER) && !key.equals(SbomProperties.PATH)) {
                        values.forEach(v -> deb.property(key, v));
                    }
                });
            }
        }
        return kept;
    }

    /** The packages a file list is named after: {@code name} or {@code name:arch}. */
    private static List<FoundPackage> debsNamed(List<FoundPackage> debs, String listName) {
        int colon = listName.indexOf(':');
        String name = colon < 0 ? listName : listName.substring(0, colon);
        String arch = colon < 0 ? null : listName.substring(colon + 1);
        List<FoundPackage> out = new ArrayList<>();
        for (FoundPackage d : debs) {
            if (d.name().equals(name) && (arch == null || d.property(SbomProperties.DEB_ARCHITECTURE).contains(arch))) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * An image path with every symlink in it followed (relative targets against their directory, absolute ones
     * from the root), as the image's own files say; at most 40 links, as the kernel allows.
     */
    static String realPath(String path, Map<String, String> symlinks) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(part);
            String target = symlinks.get(String.join("/", done));
            if (target != null && hops++ < 40) {
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
            }
        }
        return String.join("/", done);
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
        return SlashPaths.clean(target.startsWith("/") ? target : dir + target);
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
