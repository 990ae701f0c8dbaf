package dev.factory.sbom;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.FactoryException;
import dev.factory.bake.ImageJson;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Hashing;
import dev.factory.oci.ImageFilesystem;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * factory:sbom's core: for every build in builds.json and every platform its image.json lists as
 * built, one CycloneDX SBOM (see {@link SbomFiles} for names), written atomically. A failure for one
 * image does not stop the others; they are collected and reported together at the end.
 */
public final class SbomWriter {

    /** Writes all SBOMs and returns what was written; throws a summary if any image failed. */
    public List<SbomResult> write(SbomRequest request) {
        SbomGenerator generator = request.generator().resolve(request.syft() != null);
        request.info().accept("SBOM generator: " + (generator == SbomGenerator.SYFT
                ? "syft (" + request.syft().executable() + ")" : "built-in cataloger")
                + (request.generator() == SbomGenerator.AUTO ? " (factory.sbom.generator=auto)" : ""));
        List<StitchedBuild> builds = BuildsFile.read(request.outputDir());
        List<SbomResult> results = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int attempted = 0;
        List<String> reused = new ArrayList<>();
        for (StitchedBuild build : builds) {
            Path buildDir = request.outputDir().resolve("builds").resolve(build.build());
            ImageJson image;
            try {
                image = ImageJson.read(buildDir, build.build());
            } catch (FactoryException e) {
                attempted++;
                failures.add(new Failure(build.build(), null, e));
                continue;
            }
            for (ImageJson.PlatformImage platform : image.platforms()) {
                if (!platform.built()) {
                    request.warn().accept("No SBOM for build " + build.build() + " (" + platform.platform()
                            + "): its image was "
                            + "not built ("
                            + (platform.error() == null ? "status " + platform.status() : platform.error()) + ").");
                    continue;
                }
                if (platform.isReused()) {
                    // a passing record vouches for this very image: its SBOM was written and recorded with it
                    reused.add(build.build() + " " + platform.platform());
                    continue;
                }
                attempted++;
                ImageTarget target = new ImageTarget(build.build(), platform.platform(), image.image(), image.tag(),
                        platform.ref(), platform.digest(), image.pushed());
                try {
                    results.add(
                            writeOne(request, generator, target, SbomFiles.path(buildDir, image, platform.platform())));
                } catch (FactoryException e) {
                    failures.add(new Failure(build.build(), platform.platform(), e));
                }
            }
        }
        if (!reused.isEmpty()) {
            request.info().accept("No new SBOM for " + reused.size()
                    + " image(s) that passing records vouch for (their SBOMs "
                    + "are named in those records)" + (reused.size() <= 4 ? ": " + String.join(", ", reused) : ""));
        }
        if (!failures.isEmpty()) {
            throw summary(failures, attempted);
        }
        return results;
    }

    private SbomResult writeOne(SbomRequest request, SbomGenerator generator, ImageTarget target, Path file) {
        long start = System.nanoTime();
        CycloneDx.Document document;
        if (generator == SbomGenerator.SYFT) {
            byte[] json = request.syft().cyclonedx(target);
            document = CycloneDx.fromSyft(target, json, request.timestamp(), request.factoryVersion());
        } else {
            Catalog catalog = catalog(request, target);
            catalog.warnings()
                    .forEach(w -> request.warn().accept(target.build() + " (" + target.platform() + "): " + w));
            document = CycloneDx.fromCatalog(target, catalog, request.timestamp(), request.factoryVersion());
        }
        try {
            AtomicFiles.write(file, document.bytes());
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the SBOM " + file + " (" + e + "); check the disk and the "
                    + "permissions of " + file.getParent() + ".", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        request.info()
                .accept(String.format(Locale.ROOT, "SBOM %s (%s): %d components, %s, %.1f s -> %s", target.build(),
                        target.platform(), document.componentCount(), generator.id(), took.toMillis() / 1000.0, file));
        return new SbomResult(target.build(), target.platform(), file, Hashing.sha256(document.bytes()),
                document.componentCount(), generator.id(), SbomFiles.classifier(target.build(), target.platform()),
                took);
    }

    private static Catalog catalog(SbomRequest request, ImageTarget target) {
        ImageFilesystem filesystem = request.filesystems().open(target);
        try {
            return new BuiltinCataloger().catalog(filesystem);
        } catch (IOException e) {
            throw new EnvironmentException("Reading the filesystem of " + target.describe() + " failed (" + e + "). "
                    + "Check that the image still exists (run factory:bake again) and that the engine or registry is "
                    + "reachable.", e);
        }
    }

    private record Failure(String build, String platform, FactoryException error) {}

    /** Bad input only when every failure was bad input; any broken environment makes it an environment failure. */
    private static FactoryException summary(List<Failure> failures, int attempted) {
        StringBuilder message = new StringBuilder("factory:sbom failed for ").append(failures.size()).append(" of ")
                .append(attempted).append(attempted == 1 ? " image:" : " images:");
        boolean environment = false;
        for (Failure f : failures) {
            message.append("\n  - build ").append(f.build());
            if (f.platform() != null) {
                message.append(" (").append(f.platform()).append(')');
            }
            message.append(": ").append(f.error().getMessage());
            environment |= f.error() instanceof EnvironmentException;
        }
        FactoryException first = failures.get(0).error();
        FactoryException out = environment ? new EnvironmentException(message.toString(), first)
                : new BadInputException(message.toString(), first);
        failures.stream().skip(1).forEach(f -> out.addSuppressed(f.error()));
        return out;
    }
}
