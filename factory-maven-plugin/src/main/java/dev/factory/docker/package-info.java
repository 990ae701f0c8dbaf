/**
 * The one place that starts processes (docker, buildx, git, syft, cosign): {@link dev.factory.docker.ProcessRunner}
 * runs argv arrays, never a shell, with a timeout and a bounded capture. Reads what the engine and builders answer;
 * writes nothing itself.
 */
package dev.factory.docker;
