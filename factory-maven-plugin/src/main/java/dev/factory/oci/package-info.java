/**
 * Reading container images without unpacking them, and talking to registries. Reads registries (manifests,
 * configs, layer blobs), the local engine ({@code docker image save} archives, {@code docker export} streams) and
 * OCI layout directories; writes nothing of its own but pushes (blobs, manifests, referrers) and OCI layouts for
 * the steps that make images (repack, sign).
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
 * <p>Tar (layers, exports, image archives) is read and written with Apache Commons Compress, as Jib does:
 * {@link dev.factory.oci.TarReader} streams entries (nothing is spooled), {@link dev.factory.oci.ImageArchive}
 * indexes an archive with its {@code TarFile}, {@link dev.factory.oci.TarWriter} writes repack's layers. What
 * stays our own is the PAX extended header, and why: Commons Compress decodes PAX values as UTF-8, which loses a
 * binary xattr such as {@code security.capability} (the reader takes that value's bytes from the header it kept),
 * and it names the owner of its own PAX headers after the JVM's user, so a layer would differ from one build
 * machine to the next (the writer writes the records itself, and lets Commons Compress write only ustar headers).
 * Both are checked against GNU tar in the tests.
 *
 * <p>Why our own code: the registry client is Java's {@link java.net.http.HttpClient} plus the distribution API's
 * few calls; Java registry libraries such as Jib's core bring their own HTTP stack and image model, and Jib's
 * does not speak referrers. The proxy choice follows Maven's resolver (whose selector the core cannot use
 * without depending on Maven): its rules fit in {@link dev.factory.oci.HttpProxies} and are tested there.
 */
package dev.factory.oci;
