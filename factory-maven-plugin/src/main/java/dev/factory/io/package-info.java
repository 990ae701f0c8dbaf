/**
 * Shared plumbing of every step: atomic writes (temp file and rename, so no half-written output), JSON through
 * Jackson, hashing, JSON Schema validation, {@code project.build.outputTimestamp}, paths as messages show them, and the
 * two string helpers ({@link dev.factory.io.Text}), sizes as users write them and logs show them ({@link
 * dev.factory.io.ByteSize}), and paths inside images ({@link dev.factory.io.SlashPaths}, '/' whatever the host).
 * Reads and writes only what its callers hand it.
 */
package dev.factory.io;
