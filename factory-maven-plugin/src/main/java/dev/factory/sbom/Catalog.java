package dev.factory.sbom;

import java.util.List;

/**
 * What the built-in cataloger found in one image.
 *
 * @param distro the distribution from os-release, or null when the image has none
 * @param packages the packages, duplicates merged, in SBOM order ({@link FoundPackage#ORDER})
 * @param warnings files that could not be read (e.g. a corrupt jar), for the build log
 * @param filesSeen how many entries the walk visited, for the log
 */
public record Catalog(Distro distro, List<FoundPackage> packages, List<String> warnings, long filesSeen) {}
