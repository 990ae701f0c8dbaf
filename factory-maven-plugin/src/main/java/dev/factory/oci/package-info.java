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
 *       reached as one {@link dev.factory.oci.RegistryAccess} says: credentials from settings.xml servers
 *       ({@link dev.factory.oci.SettingsServers}, handed over decrypted by the Maven layer) and then Docker's config
 *       ({@link dev.factory.oci.DockerConfig}), Maven's proxies ({@link dev.factory.oci.HttpProxies}), insecure registries.</li>
 * </ul>
 *
 * <p>Why our own code: the registry client is Java's {@link java.net.http.HttpClient} plus the distribution API's
 * few calls; Java registry libraries such as Jib's core bring their own HTTP stack and image model, and Jib's
 * does not speak referrers. The proxy choice follows Maven's resolver (whose selector the core cannot use
 * without depending on Maven): its rules fit in {@link dev.factory.oci.HttpProxies} and are tested there.
 */
package dev.factory.oci;
