/**
 * Reading container images without unpacking them, and talking to registries.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.factory.oci.Registries#open(ImageReference, Platform)}: one platform's {@link dev.factory.oci.Image}
 *       from a registry (tag or digest; an index is resolved to the platform);</li>
 *   <li>{@link dev.factory.oci.LocalImages#export(String)} then {@link dev.factory.oci.ImageArchive#image(String, Platform)}:
 *       the same from the local engine ({@code docker image save}, both archive formats; repack needs the layers);</li>
 *   <li>{@link dev.factory.oci.ContainerExport}: only the final filesystem of an image in the local engine, streamed
 *       from {@code docker create} + {@code docker export} (flattened, uncompressed: what the SBOM reads);</li>
 *   <li>{@link dev.factory.oci.OciLayout#image(String, Platform)}: from an OCI layout directory;</li>
 *   <li>{@link dev.factory.oci.Image#filesystem()}: the final filesystem ({@link dev.factory.oci.ImageFilesystem#walk},
 *       or {@link dev.factory.oci.LayeredFilesystem#walkTar} with the full tar metadata), config and manifest models;</li>
 *   <li>{@link dev.factory.oci.RegistryClient}: blobs, manifests, referrers (with the tag-schema fallback) and pushes,
 *       authenticated from the user's Docker config ({@link dev.factory.oci.DockerConfig}).</li>
 * </ul>
 */
package dev.factory.oci;
