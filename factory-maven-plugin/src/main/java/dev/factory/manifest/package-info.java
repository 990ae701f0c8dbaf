/**
 * Manifests and plans: reads {@code src/main/factory/manifests/*.yaml} and {@code plans/*.yaml} (YAML with file:line:column
 * positions, {@link dev.factory.manifest.YamlReader}, within {@link dev.factory.manifest.InputLimits}), checks them and
 * expands each plan into its variants ({@link dev.factory.manifest.Variants}); writes nothing.
 *
 * <p>The shipped schemas {@code manifest.schema.json} and {@code plan.schema.json} are kept and enforced, not dropped:
 * editors and CI linters read them (docs/manifest.md), so a file they accept must be a file stitch accepts and the
 * other way round. They are the one source of truth for the shape: the loader takes its key lists from them
 * ({@link dev.factory.manifest.ManifestLoader#MANIFEST_KEYS}) and, after its own checks, holds every manifest and plan
 * to them ({@link dev.factory.manifest.InputSchema}). The loader's checks run first because they say more (the nearest
 * valid key, an example, the slot names); the schema then catches anything they do not look at, reported at the
 * element's line and column. What a schema cannot say (a plan's manifest exists, an axis names a declared parameter)
 * stays in code.
 */
package dev.factory.manifest;
