package dev.factory.repack;

import dev.factory.EnvironmentException;
import dev.factory.bake.ImageJson;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Json;
import dev.factory.oci.Image;
import dev.factory.oci.ImageArchive;
import dev.factory.oci.ImageReference;
import dev.factory.oci.LocalImages;
import dev.factory.oci.Platform;
import dev.factory.stitch.BuildSelector;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * factory:repack over every baked build: each built platform is read (from the registry by digest
 * when it was pushed, else exported from the local engine), repacked, and published as
 * {@code <image>:<tag>-repacked} (an OCI index when the source had several platforms) or written as
 * an OCI layout under {@code builds/<build>/repacked/}. {@code builds/<build>/repack.json} records
 * what was done. All platforms of a build are repacked before anything of it is pushed.
 */
public final class RepackService {
    public static final String REPORT = "repack.json";
    public static final String TAG_SUFFIX = "-repacked";

    /** One build's outcome. */
    public record BuildResult(String build, String destination, String digest, List<RepackedImage> images) {}

    public List<BuildResult> run(RepackRequest request) {
        if (request.engine() == RepackRequest.Engine.DOCKER_REPACK) {
            DockerRepack.check();
        }
        List<BuildResult> results = new ArrayList<>();
        for (StitchedBuild build : new BuildSelector(request.manifestId()).read(request.outputDir())) {
            Path buildDir = request.outputDir().resolve("builds").resolve(build.build());
            ImageJson image = ImageJson.read(buildDir, build.build());
            List<ImageJson.PlatformImage> built = image.platforms().stream().filter(ImageJson.PlatformImage::built)
                    .toList();
            if (built.isEmpty()) {
                request.log().accept("Build " + build.build() + ": no platform was built; nothing to repack.");
                continue;
            }
            results.add(repackBuild(request, build.build(), buildDir, image, built));
        }
        return results;
    }

    private BuildResult repackBuild(RepackRequest request, String build, Path buildDir, ImageJson image,
            List<ImageJson.PlatformImage> built) {
        Path work = request.outputDir().resolve("tmp").resolve("repack-" + build);
        try {
            delete(work);
            List<RepackedImage> repacked = new ArrayList<>();
            for (ImageJson.PlatformImage p : built) {
                Platform platform = Platform.parse(p.platform());
                Path platformWork = work.resolve(platform.slug());
                request.log().accept("Repacking " + build + " " + platform + " (" + source(image, p) + ")");
                repacked.add(repackPlatform(request, image, p, platform, platformWork));
            }
            boolean asIndex = image.platforms().size() > 1 || image.indexDigest() != null;
            String tag = image.tag() + TAG_SUFFIX;
            String destination;
            String digest;
            if (request.output() == RepackRequest.Output.REGISTRY && image.pushed()) {
                ImageReference ref = ImageReference.parse(image.image());
                digest = RepackPublisher.push(request.registries().client(ref.registry()), ref.repository(), tag,
                        repacked,
                        asIndex, request.log());
                destination = image.image() + ":" + tag;
            } else {
                Path layout = buildDir.resolve("repacked");
                digest = RepackPublisher.writeLayout(layout, tag, repacked, asIndex);
                destination = layout.toString();
                request.log().accept("Wrote the OCI layout " + layout + " (" + digest + ")");
            }
            writeReport(buildDir, build, image, tag, destination, digest, request, repacked);
            return new BuildResult(build, destination, digest, repacked);
        } finally {
            delete(work);
        }
    }

    private static void delete(Path work) {
        try {
            AtomicFiles.deleteTree(work);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot delete the work directory " + work + " (" + e.getMessage()
                    + "); delete it by hand, then run again.", e);
        }
    }

    private RepackedImage repackPlatform(RepackRequest request, ImageJson image, ImageJson.PlatformImage p,
            Platform platform,
            Path work) {
        String sourceName = source(image, p);
        if (image.pushed()) {
            ImageReference ref = ImageReference.parse(image.image()).withDigest(p.digest());
            Image source = request.registries().open(ref, platform);
            return request.engine() == RepackRequest.Engine.DOCKER_REPACK
                    ? DockerRepack.repack("docker://" + ref.name() + "@" + p.digest(), source, work, request.options(),
                            request.exportTimeout(), request.log())
                    : new Repacker(request.options(), request.log()).repack(source, sourceName, work);
        }
        LocalImages local = new LocalImages(request.docker(), work, request.exportTimeout());
        try (ImageArchive archive = local.export(p.ref())) {
            Image source = LocalImages.image(archive, p.ref(), platform);
            if (request.engine() == RepackRequest.Engine.DOCKER_REPACK) {
                Path layout = work.resolve("source-layout");
                archive.copyLayoutTo(layout);
                return DockerRepack.repack("oci://" + layout, source, work, request.options(), request.exportTimeout(),
                        request.log());
            }
            return new Repacker(request.options(), request.log()).repack(source, sourceName, work);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read the export of " + p.ref() + ": " + e.getMessage(), e);
        }
    }

    private static String source(ImageJson image, ImageJson.PlatformImage p) {
        return image.pushed() ? image.image() + "@" + p.digest()
                : p.ref() + (p.digest() == null ? "" : "@" + p.digest());
    }

    private static void writeReport(Path buildDir, String build, ImageJson image, String tag, String destination,
            String digest, RepackRequest request, List<RepackedImage> repacked) {
        RepackReport report = new RepackReport(build,
                request.engine() == RepackRequest.Engine.BUILTIN ? "builtin" : "docker-repack", image.reference(),
                destination.equals(image.image() + ":" + tag) ? "registry" : "oci-layout", destination, tag, digest,
                request.options().targetSize(), request.options().zstdLevel(),
                repacked.stream().map(RepackReport.Platform::of).toList());
        try {
            AtomicFiles.write(buildDir.resolve(REPORT), Json.bytes(report));
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write " + buildDir.resolve(REPORT) + ": " + e.getMessage(), e);
        }
    }
}
