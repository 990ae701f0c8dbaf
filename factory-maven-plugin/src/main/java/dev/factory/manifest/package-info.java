/**
 * Manifests and plans: reads {@code src/main/factory/manifests/*.yaml} and {@code plans/*.yaml} within the input size
 * limits, validates them with file:line:column errors, and expands plans into variants. Writes nothing: factory:stitch
 * writes what comes of them.
 */
package dev.factory.manifest;
