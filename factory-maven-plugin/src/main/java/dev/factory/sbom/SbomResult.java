package dev.factory.sbom;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One SBOM written: what the record goal stores about it ({@code sbom}: path, sha256, component count)
 * and what the Mojo attaches.
 *
 * @param file the SBOM file
 * @param sha256 lower-case hex sha256 of the file's bytes
 * @param componentCount the number of top-level components
 * @param generator {@code builtin} or {@code syft}
 * @param classifier the classifier it is attached with (type {@link SbomFiles#TYPE})
 * @param duration how long generating it took; null when described from disk
 */
public record SbomResult(String build, String platform, Path file, String sha256, int componentCount, String generator,
        String classifier, Duration duration) {}
