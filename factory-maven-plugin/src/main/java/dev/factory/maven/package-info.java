/**
 * The Mojos and the {@code factory} packaging: each takes its parameters, makes one call into the Maven-free core, and
 * turns the core's typed failures into {@code MojoFailureException} (bad input) or {@code MojoExecutionException} (the
 * environment). Registry settings (settings.xml servers, proxies, insecure registries) are resolved here once. What
 * several goals share is declared once, in {@link dev.factory.maven.AbstractFactoryMojo}: the selection (manifest id,
 * platform), the records folder and source, the input size limit, and the skip flags ({@code factory.skip} and each
 * goal's {@code factory.<goal>.skip}, read as properties).
 */
package dev.factory.maven;
