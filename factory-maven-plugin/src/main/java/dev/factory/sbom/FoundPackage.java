package dev.factory.sbom;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One package a cataloger found in an image, before it becomes a CycloneDX component. Collections are
 * sorted so that the SBOM does not depend on the order in which the image's files were visited.
 */
public final class FoundPackage {
    /** Sort order of the SBOM's components: by purl (those without one last), then name, version and bom-ref. */
    public static final Comparator<FoundPackage> ORDER = Comparator
            .<FoundPackage, String>comparing(FoundPackage::purl,
                    Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(FoundPackage::name)
            .thenComparing(FoundPackage::version, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(FoundPackage::bomRef);

    private final String cataloger;
    private final String name;
    private final String version;
    private String group;
    private String purl;
    private String cpe;
    private java.util.function.Supplier<String> cpeLater;
    private String sha256;
    private final SortedSet<String> licenses = new TreeSet<>();
    private final SortedMap<String, SortedSet<String>> properties = new TreeMap<>();

    public FoundPackage(String cataloger, String name, String version) {
        this.cataloger = Objects.requireNonNull(cataloger);
        this.name = Objects.requireNonNull(name);
        this.version = version;
        property(SbomProperties.CATALOGER, cataloger);
    }

    public FoundPackage group(String value) {
        this.group = value;
        return this;
    }

    public FoundPackage purl(String value) {
        this.purl = value;
        return this;
    }

    /** A CPE 2.3 name, for scanners that match by CPE (binaries found by a classifier have no package manager). */
    public FoundPackage cpe(String value) {
        this.cpe = value;
        this.cpeLater = null;
        return this;
    }

    /**
     * A CPE made only if the package becomes a component: building the first one loads and initialises the CPE
     * library (0.3-0.5 s in a fresh JVM), which a finding folded into a Debian package never needs.
     */
    FoundPackage cpeWhenWritten(java.util.function.Supplier<String> later) {
        this.cpe = null;
        this.cpeLater = later;
        return this;
    }

    /** The sha256 (lower-case hex) of the file the package is, when the package is one whole file. */
    public FoundPackage sha256(String value) {
        this.sha256 = value;
        return this;
    }

    public FoundPackage license(String value) {
        if (value != null && !value.isBlank()) {
            licenses.add(value.trim());
        }
        return this;
    }

    /** Adds a property; blank values are left out. A name may carry several values (e.g. several paths). */
    public FoundPackage property(String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
        }
        return this;
    }

    public String group() {
        return group;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String purl() {
        return purl;
    }

    public String cpe() {
        if (cpeLater != null) {
            cpe = cpeLater.get();
            cpeLater = null;
        }
        return cpe;
    }

    public String sha256() {
        return sha256;
    }

    public SortedSet<String> licenses() {
        return Collections.unmodifiableSortedSet(licenses);
    }

    public SortedMap<String, SortedSet<String>> properties() {
        return Collections.unmodifiableSortedMap(properties);
    }

    /** The values of one property, in order; empty when absent. */
    public List<String> property(String key) {
        SortedSet<String> values = properties.get(key);
        return values == null ? List.of() : List.copyOf(values);
    }

    /**
     * The component's bom-ref, which is also the identity used to merge duplicates: the purl, or for a
     * package without one its cataloger, name, version and paths (a purl-less jar found twice stays twice).
     */
    public String bomRef() {
        if (purl != null) {
            return purl;
        }
        StringBuilder ref = new StringBuilder("dev.factory:").append(cataloger).append('/').append(name);
        if (version != null) {
            ref.append('@').append(version);
        }
        for (String path : property(SbomProperties.PATH)) {
            ref.append("?path=").append(path);
        }
        return ref.toString();
    }

    /**
     * Folds a duplicate (same bom-ref, e.g. one jar at two paths) into this package: licenses and
     * properties are joined; the file hash stays only when both agree.
     */
    void merge(FoundPackage other) {
        licenses.addAll(other.licenses);
        for (Map.Entry<String, SortedSet<String>> e : other.properties.entrySet()) {
            properties.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(e.getValue());
        }
        if (!Objects.equals(sha256, other.sha256)) {
            sha256 = null;
        }
        if (group == null) {
            group = other.group;
        }
        if (cpe == null && cpeLater == null) {
            cpe = other.cpe;
            cpeLater = other.cpeLater;
        }
    }

    @Override
    public String toString() {
        return bomRef();
    }
}
