/**
 * factory:matrix: reads {@code builds.json}; writes the CI job matrix ({@code matrix.json}, one job per build and
 * platform with its runner labels) and, in GitHub Actions, the step output {@code matrix} (and {@code count} with
 * {@code factory.matrix.changedOnly}).
 */
package dev.factory.matrix;
