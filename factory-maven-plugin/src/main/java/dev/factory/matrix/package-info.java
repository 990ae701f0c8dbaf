/**
 * factory:matrix: reads {@code builds.json} (and, for only the changed cells, the records); writes the CI job matrix
 * ({@code matrix.json}, one job per build and platform with its runner labels) and, in GitHub Actions, the step outputs
 * {@code matrix} and {@code count}.
 */
package dev.factory.matrix;
