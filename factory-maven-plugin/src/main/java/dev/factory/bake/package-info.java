/**
 * factory:bake (and factory:publish, factory:merge): reads {@code builds.json} and each build's Dockerfile; writes
 * {@code docker-bake.json}, runs {@code docker buildx bake} once for every variant and platform, and writes
 * {@code bake-metadata.json} and {@code builds/<build>/image.json} (the images and their digests). Per-platform images
 * pushed by split CI jobs are joined into multi-arch tags by {@link dev.factory.bake.Merger}.
 */
package dev.factory.bake;
