package dev.factory.sbom;

/** Names of the CycloneDX properties Factory writes, in its own {@code dev.factory:} namespace. */
public final class SbomProperties {
    /** Where the package was found in the image: an absolute path; {@code a.jar!/BOOT-INF/lib/b.jar} inside archives. */
    public static final String PATH = "dev.factory:path";
    /** Which cataloger found it: dpkg, apk, java, python, npm, binary (classified executables) or jvm (a JVM's release file). */
    public static final String CATALOGER = "dev.factory:cataloger";
    /**
     * Which classifier read the version from the file's content: busybox-binary, python-binary, python-binary-lib,
     * node-binary, node-binary-lib, go-buildinfo or jvm-release. On a Debian package it names what was found in one
     * of the package's own files (see {@link #CLASSIFIED}).
     */
    public static final String CLASSIFIER = "dev.factory:classifier";
    /**
     * On a Debian package: what a classifier found in one of its files, as {@code <purl> <path>}
     * ({@code pkg:generic/python@3.11.2 /usr/bin/python3.11}). That finding is not a component of its own, as dpkg
     * already lists the package (see docs/sbom.md, "Binaries, JVMs and dpkg").
     */
    public static final String CLASSIFIED = "dev.factory:classified";
    /** A JVM's release file: IMPLEMENTOR, IMPLEMENTOR_VERSION, JAVA_VERSION, JAVA_RUNTIME_VERSION and IMAGE_TYPE. */
    public static final String JVM_IMPLEMENTOR = "dev.factory:jvm:implementor";
    public static final String JVM_IMPLEMENTOR_VERSION = "dev.factory:jvm:implementor-version";
    public static final String JVM_JAVA_VERSION = "dev.factory:jvm:java-version";
    public static final String JVM_RUNTIME_VERSION = "dev.factory:jvm:runtime-version";
    public static final String JVM_IMAGE_TYPE = "dev.factory:jvm:image-type";
    /** A Go binary's main package (buildinfo's {@code path}), on the components read from its buildinfo. */
    public static final String GO_MAIN_PACKAGE = "dev.factory:go:main-package";
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
