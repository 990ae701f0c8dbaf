/**
 * The Mojos and the {@code factory} packaging: each takes its parameters, makes one call into the Maven-free core, and
 * turns the core's typed failures into {@code MojoFailureException} (bad input) or {@code MojoExecutionException} (the
 * environment). Registry settings (settings.xml servers, proxies, insecure registries) are resolved here once.
 */
package dev.factory.maven;
