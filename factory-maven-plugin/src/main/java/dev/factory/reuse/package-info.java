/**
 * What changed since the last records: reads {@code builds.json}, the stitch fingerprints and the records (folder or
 * registry), and says which variants a passing record with the same variant key vouches for, so stitch, matrix and bake
 * can leave them out. Writes nothing.
 */
package dev.factory.reuse;
