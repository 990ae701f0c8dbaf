/**
 * factory:repack: rewrites an image into fewer, better-compressed zstd layers holding only its final
 * filesystem. {@link dev.factory.repack.RepackService} runs it over the baked builds,
 * {@link dev.factory.repack.Repacker} repacks one image, {@code builds/<build>/repack.json} records the outcome.
 */
package dev.factory.repack;
