package dev.factory.sbom;

import dev.factory.io.Hashing;
import dev.factory.oci.FsEntry;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Java archives ({@code *.jar}, {@code *.war}, {@code *.ear}) and the archives nested in them (Spring
 * Boot's {@code BOOT-INF/lib/}, a war's {@code WEB-INF/lib/}), never unpacked to disk: an archive up to
 * {@link #IN_MEMORY_LIMIT} is read into memory and only the entries needed are inflated (Commons Compress's
 * ZipFile reads its central directory); a larger one, or one without a central directory, is streamed with
 * ZipInputStream.
 *
 * <p>Each {@code META-INF/maven/<group>/<artifact>/pom.properties} is one component with a
 * {@code pkg:maven} purl (a shaded jar yields several). An archive without one falls back to its
 * manifest and file name; it gets a purl only when the group is certain enough (see
 * {@link #inferGroup}), else it keeps name, version and path without one. The archive's sha256 is
 * attached when the archive is exactly one component.
 */
final class JavaArchiveCataloger implements Cataloger {
    /** How deep archives inside archives are opened: an ear's war's lib jar is depth 2. */
    static final int MAX_DEPTH = 3;
    private static final int BUFFER = 32 * 1024;
    /** Archives up to this size are read into memory and indexed; larger ones are streamed. */
    static final int IN_MEMORY_LIMIT = 128 * 1024 * 1024;
    /** {@code name-1.2.3}: a dash followed by a digit starts a candidate version. */
    private static final Pattern VERSION_START = Pattern.compile("-(?=\\d)");
    private static final Pattern VERSION = Pattern.compile("\\d+(?:\\.\\d+)*(?:[.\\-_+][A-Za-z0-9]+)*");

    private final Consumer<String> warnings;
    private final long inMemoryLimit;
    private final List<FoundPackage> found = new ArrayList<>();

    JavaArchiveCataloger(Consumer<String> warnings) {
        this(warnings, IN_MEMORY_LIMIT);
    }

    /** With a lower {@code inMemoryLimit} (tests), archives take the streaming path. */
    JavaArchiveCataloger(Consumer<String> warnings, long inMemoryLimit) {
        this.warnings = warnings;
        this.inMemoryLimit = inMemoryLimit;
    }

    @Override
    public boolean wants(String path) {
        return isArchive(path);
    }

    static boolean isArchive(String name) {
        int n = name.length();
        return n > 4 && name.charAt(n - 4) == '.'
                && (name.regionMatches(true, n - 3, "jar", 0, 3) || name.regionMatches(true, n - 3, "war", 0, 3)
                        || name.regionMatches(true, n - 3, "ear", 0, 3));
    }

    @Override
    public void read(FsEntry entry, String path, InputStream content) throws IOException {
        String location = "/" + path;
        if (entry.size() > 0 && entry.size() <= inMemoryLimit) {
            // an IOException here is the image stream's own failure: it ends the walk
            byte[] bytes = content.readNBytes((int) entry.size());
            try {
                scanInMemory(location, bytes, 0);
            } catch (IOException | IllegalArgumentException e) {
                // IllegalArgumentException: Properties.load meets a malformed unicode escape
                warnings.accept("Skipped " + location + ": it is not a readable zip archive (" + e.getMessage() + ").");
            }
            return;
        }
        SourceGuard source = new SourceGuard(content);
        try {
            scan(location, source, 0, source);
        } catch (IOException | IllegalArgumentException e) {
            if (source.failed) {
                throw e; // the image stream itself broke: not this archive's fault, the whole walk must fail
            }
            warnings.accept("Skipped " + location + ": it is not a readable zip archive (" + e.getMessage() + ").");
        }
    }

    @Override
    public List<FoundPackage> packages(Distro distro) {
        return found;
    }

    private void scan(String location, InputStream in, int depth, SourceGuard source) throws IOException {
        MessageDigest digest = Hashing.sha256();
        DigestInputStream hashed = new DigestInputStream(new BufferedInputStream(new NonClosing(in), BUFFER), digest);
        List<Properties> poms = new ArrayList<>();
        Manifest manifest = null;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(hashed)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                entries++;
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (isPomProperties(name)) {
                    Properties p = new Properties();
                    p.load(zip);
                    p.setProperty("path.group", segment(name, 2));
                    p.setProperty("path.artifact", segment(name, 3));
                    poms.add(p);
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(zip);
                } else if (depth < MAX_DEPTH && isArchive(name)) {
                    String nested = location + "!/" + name;
                    try {
                        scan(nested, zip, depth + 1, source);
                    } catch (IOException | IllegalArgumentException ex) {
                        if (source != null && source.failed) {
                            throw ex;
                        }
                        warnings.accept(
                                "Skipped " + nested + ": it is not a readable zip archive (" + ex.getMessage() + ").");
                    }
                }
            }
            // the central directory follows the last entry; it belongs in the file's hash
            hashed.transferTo(OutputStream.nullOutputStream());
        }
        if (entries == 0) {
            warnings.accept(
                    "Skipped " + location + ": it does not start with a zip entry (not a Java archive, or one with a "
                            + "launch script in front, which cannot be read as a stream).");
            return;
        }
        record(location, poms, manifest, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * The fast path: the archive is in memory, its central directory (read by Commons Compress) says where
     * pom.properties, the manifest and nested archives are, and nothing else is inflated. Reads are bounded by
     * the sizes the directory gives. An archive it cannot read (no central directory: a truncated one) is streamed.
     */
    private void scanInMemory(String location, byte[] bytes, int depth) throws IOException {
        String sha256 = HexFormat.of().formatHex(Hashing.sha256().digest(bytes));
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
                    .setIgnoreLocalFileHeader(true).get();
        } catch (IOException e) {
            scan(location, new ByteArrayInputStream(bytes), depth, null);
            return;
        }
        List<Properties> poms = new ArrayList<>();
        Manifest manifest = null;
        try (zip) {
            boolean empty = true;
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                empty = false;
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (isPomProperties(name)) {
                    Properties p = new Properties();
                    try (InputStream in = entry(zip, e)) {
                        p.load(in);
                    }
                    p.setProperty("path.group", segment(name, 2));
                    p.setProperty("path.artifact", segment(name, 3));
                    poms.add(p);
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    try (InputStream in = entry(zip, e)) {
                        manifest = new Manifest(in);
                    }
                } else if (depth < MAX_DEPTH && isArchive(name)) {
                    String nested = location + "!/" + name;
                    if (e.getSize() > inMemoryLimit) {
                        warnings.accept("Skipped " + nested + ": " + e.getSize()
                                + " bytes is more than Factory reads of a nested archive.");
                        continue;
                    }
                    try {
                        byte[] inner;
                        try (InputStream in = entry(zip, e)) {
                            inner = in.readNBytes((int) e.getSize());
                        }
                        if (inner.length != e.getSize()) {
                            throw new ZipException("it holds " + inner.length + " bytes, not the " + e.getSize()
                                    + " its directory says");
                        }
                        scanInMemory(nested, inner, depth + 1);
                    } catch (IOException | IllegalArgumentException ex) {
                        warnings.accept(
                                "Skipped " + nested + ": it is not a readable zip archive (" + ex.getMessage() + ").");
                    }
                }
            }
            if (empty) {
                warnings.accept("Skipped " + location + ": the archive is empty.");
                return;
            }
        }
        record(location, poms, manifest, sha256);
    }

    /** An entry's content, never more than the size the central directory gives (a zip bomb stops there). */
    private static InputStream entry(ZipFile zip, ZipArchiveEntry e) throws IOException {
        if (e.getSize() < 0) {
            throw new ZipException("entry " + e.getName() + " has no size in the central directory");
        }
        return BoundedInputStream.builder().setInputStream(zip.getInputStream(e)).setMaxCount(e.getSize())
                .setPropagateClose(true).get();
    }

    /** The archive's components: one per pom.properties, else one from the manifest and the file name. */
    private void record(String location, List<Properties> poms, Manifest manifest, String sha256) {
        List<FoundPackage> packages = new ArrayList<>();
        for (Properties pom : poms) {
            FoundPackage p = fromPom(location, pom);
            if (p != null) {
                packages.add(p);
            }
        }
        if (packages.isEmpty()) {
            packages.add(fromManifest(location, manifest));
        }
        if (packages.size() == 1) {
            packages.get(0).sha256(sha256);
        }
        found.addAll(packages);
    }

    /** {@code META-INF/maven/<group>/<artifact>/pom.properties}, exactly. */
    static boolean isPomProperties(String name) {
        if (!name.startsWith("META-INF/maven/") || !name.endsWith("/pom.properties")) {
            return false;
        }
        int slashes = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '/') {
                slashes++;
            }
        }
        return slashes == 4;
    }

    private static String segment(String path, int index) {
        return path.split("/")[index];
    }

    private static FoundPackage fromPom(String location, Properties pom) {
        String group = firstNonBlank(pom.getProperty("groupId"), pom.getProperty("path.group"));
        String artifact = firstNonBlank(pom.getProperty("artifactId"), pom.getProperty("path.artifact"));
        String version = firstNonBlank(pom.getProperty("version"));
        if (artifact == null || version == null) {
            return null;
        }
        return new FoundPackage("java", artifact, version)
                .group(group)
                .purl(Purls.of("maven", group, artifact, version))
                .property(SbomProperties.PATH, location);
    }

    private static FoundPackage fromManifest(String location, Manifest manifest) {
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String fileName = location.substring(location.lastIndexOf('/') + 1);
        String base = fileName.substring(0, fileName.length() - 4);
        String[] split = splitNameVersion(base);
        String artifact = split[0];
        String version = firstNonBlank(split[1], main.getValue("Implementation-Version"),
                main.getValue("Bundle-Version"));
        String title = firstNonBlank(main.getValue("Implementation-Title"), main.getValue("Bundle-Name"));
        String group = inferGroup(location, artifact, version, main);
        FoundPackage p = new FoundPackage("java", artifact, version)
                .group(group)
                .property(SbomProperties.PATH, location)
                .property(SbomProperties.JAVA_TITLE, title);
        if (group != null && version != null) {
            p.purl(Purls.of("maven", group, artifact, version));
        }
        return p;
    }

    /**
     * The Maven group, only where it is certain enough for a purl (a wrong purl is worse than none:
     * ASM's Bundle-SymbolicName {@code org.objectweb.asm} would give {@code org.objectweb:asm}, while
     * ASM 9 is {@code org.ow2.asm:asm}):
     * <ol>
     *   <li>the archive lies in a Maven repository layout,
     *       {@code .../repository/<group dirs>/<artifact>/<version>/<artifact>-<version>*.jar};</li>
     *   <li>or two manifest entries agree: Bundle-SymbolicName is {@code <group>.<artifact>} and
     *       Implementation-Vendor-Id is that same {@code <group>}.</li>
     * </ol>
     */
    static String inferGroup(String location, String artifact, String version, Attributes main) {
        String fromRepository = repositoryGroup(location, artifact, version);
        if (fromRepository != null) {
            return fromRepository;
        }
        String symbolicName = main.getValue("Bundle-SymbolicName");
        String vendorId = main.getValue("Implementation-Vendor-Id");
        if (symbolicName != null && vendorId != null) {
            String bsn = symbolicName.split(";", 2)[0].trim();
            if (bsn.equals(vendorId.trim() + "." + artifact)) {
                return vendorId.trim();
            }
        }
        return null;
    }

    /** The group of {@code .../repository/org/ow2/asm/asm/9.9/asm-9.9.jar}: {@code org.ow2.asm}. */
    static String repositoryGroup(String location, String artifact, String version) {
        if (version == null || location.contains("!/")) {
            return null;
        }
        String[] parts = location.split("/");
        int n = parts.length;
        if (n < 5 || !parts[n - 2].equals(version) || !parts[n - 3].equals(artifact)) {
            return null;
        }
        for (int i = n - 4; i >= 1; i--) {
            if (parts[i].equals("repository")) {
                return i == n - 4 ? null : String.join(".", Arrays.copyOfRange(parts, i + 1, n - 3));
            }
        }
        return null;
    }

    /**
     * Splits a Maven-style file name {@code artifact-version}: the version starts at the first dash
     * followed by a digit whose remainder is one version, so {@code log4j-1.2-api-2.20.0} is
     * {@code log4j-1.2-api} + {@code 2.20.0}. Without such a dash the whole name is the artifact.
     */
    static String[] splitNameVersion(String base) {
        Matcher m = VERSION_START.matcher(base);
        while (m.find()) {
            String rest = base.substring(m.end());
            if (m.start() > 0 && VERSION.matcher(rest).matches() && !hasLaterVersion(rest)) {
                return new String[]{base.substring(0, m.start()), rest};
            }
        }
        return new String[]{base, null};
    }

    /** {@code 1.2-api-2.20.0} has a later {@code -<digit>} after a word, so the version starts there. */
    private static boolean hasLaterVersion(String rest) {
        Matcher m = VERSION_START.matcher(rest);
        while (m.find()) {
            String before = rest.substring(0, m.start());
            if (before.chars().anyMatch(Character::isLetter)) {
                return true;
            }
        }
        return false;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** Remembers whether the image's own stream failed, to tell a broken walk from a broken archive. */
    private static final class SourceGuard extends FilterInputStream {
        boolean failed;

        SourceGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() {
            // the walk owns the image's stream
        }
    }

    /** Lets a nested ZipInputStream be closed (to free its inflater) without closing the stream it reads. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the enclosing archive or the walk owns the stream
        }
    }
}
