/**
 * SBOMs of built images: syft when it is there ({@link dev.factory.sbom.Syft}), else Factory's own cataloger
 * ({@link dev.factory.sbom.BuiltinCataloger}), written as CycloneDX 1.6 ({@link dev.factory.sbom.CycloneDx}).
 * Reads {@code builds.json} and each build's {@code image.json}, and the final filesystem of each image (streamed
 * from the local engine's {@code docker export}, or from the registry's layers when it was pushed); writes
 * {@code builds/<build>/sbom.cdx.json}, or one {@code sbom-<platform>.cdx.json} per platform.
 *
 * <p>Libraries: CycloneDX documents through cyclonedx-core-java, purls through packageurl-java, CPE names through
 * cpe-parser, Java archives through Apache Commons Compress (its {@code ZipFile} reads the central directory of an
 * archive held in memory, so only pom.properties, the manifest and nested archives are inflated, each no further
 * than the size the directory gives; {@link java.util.zip.ZipInputStream} streams what is too large to hold or has
 * no central directory). Own code, and why:
 * <ul>
 *   <li>the package databases (dpkg, apk) and metadata files are a few lines of stanza or key=value parsing;</li>
 *   <li>the binary classifiers ({@link dev.factory.sbom.BinaryCataloger}, {@link dev.factory.sbom.StreamSearch},
 *       {@link dev.factory.sbom.GoBuildInfo}) read files as the layer streams past, once, without spooling them:
 *       Java's ELF readers (jelf and the like) want a seekable file or the whole file in memory, and nothing in Java
 *       reads Go's build information; what is needed of ELF here is its header, program headers and notes.</li>
 * </ul>
 * See docs/sbom.md for what is found and how a finding in a file dpkg installed is reported.
 */
package dev.factory.sbom;
