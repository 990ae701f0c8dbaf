/**
 * Factory's core, free of Maven: one package per step of the flow (manifest, stitch, bake, smoke, sbom, record, report,
 * and the optional repack and sign), each reading the files the step before left under {@code target/factory/}.
 * Failures are typed: {@link dev.factory.BadInputException} when the user must change something,
 * {@link dev.factory.EnvironmentException} when a tool or the machine failed.
 */
package dev.factory;
