package dev.factory.sbom;

/** Names of the CycloneDX properties Factory writes, in its own {@code dev.factory:} namespace. */
public final class SbomProperties {
    /** Where the package was found in the image: an absolute path; {@code a.jar!/BOOT-INF/lib/b.jar} inside archives. */
    public static final String PATH = "dev.factory:path";
    /** Which cataloger found it: dpkg, apk, java, python or npm. */
    public static final String CATALOGER = "dev.factory:cataloger";
    /** A Debian package's architecture as dpkg records it (also in the purl's {@code arch}). */
    public static final String DEB_ARCHITECTURE = "dev.factory:deb:architecture";
    /** A Debian package's source package, with its version when it differs: {@code glibc (2.36-9)}. */
    public static final String DEB_SOURCE = "dev.factory:deb:source";
    /** An Alpine package's architecture. */
    public static final String APK_ARCHITECTURE = "dev.factory:apk:architecture";
    /** An Alpine package's origin (source) package. */
    public static final String APK_ORIGIN = "dev.factory:apk:origin";
    /** A jar's Implementation-Title or Bundle-Name, when its identity came from the manifest. */
    public static final String JAVA_TITLE = "dev.factory:java:title";
    /** The image's build id, platform and reference on {@code metadata.component}. */
    public static final String BUILD = "dev.factory:build";
    public static final String PLATFORM = "dev.factory:platform";
    public static final String IMAGE_REF = "dev.factory:image:ref";
    public static final String IMAGE_TAG = "dev.factory:image:tag";
    /** Which generator wrote the SBOM: builtin or syft. */
    public static final String GENERATOR = "dev.factory:sbom:generator";

    private SbomProperties() {}
}
