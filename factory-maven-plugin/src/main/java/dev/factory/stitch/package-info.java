/**
 * Stitching: fragment and template lookup ({@link dev.factory.stitch.FragmentLibrary}), Velocity rendering in strict
 * mode ({@link dev.factory.stitch.Renderer}) and the stitch fingerprint ({@link dev.factory.stitch.Stitcher}).
 *
 * <p>Values from manifests and plans are data and stay data: {@link dev.factory.stitch.ParameterValues} refuses
 * control characters where a value is written, the renderer's guard refuses any inserted value that would break its
 * line, and {@link dev.factory.stitch.Quoting} gives templates {@code $sh}, {@code $dockerfile}, {@code $json} and
 * {@code $heredoc}. The quoting is written here: each helper is a few lines fixed by its target syntax (POSIX sh
 * single quotes, BuildKit's double-quoted Dockerfile words, heredocs with a quoted delimiter), and no library quotes
 * for Dockerfiles; JSON strings come from Jackson.
 */
package dev.factory.stitch;
