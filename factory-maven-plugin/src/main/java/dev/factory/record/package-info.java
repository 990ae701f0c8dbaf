/**
 * factory:record: reads {@code builds.json} and each build's {@code stitch.json}, {@code image.json}, {@code smoke.json},
 * evidence and SBOM; writes one compatibility record per image and run under {@code records/<manifest-id>/}
 * (atomically, never overwritten) and, for pushed images, pushes it with its SBOM as OCI referrers. Also reads records
 * back, from the folder ({@link dev.factory.record.LocalRecords}) or the registry
 * ({@link dev.factory.record.RegistryRecords}).
 */
package dev.factory.record;
