// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/manifests/app.yaml:6:23: fragments.core.params.version: fragment core/jre cannot use version=21 on base debian:bookworm-slim (build app): Debian 12 (bookworm) ships openjdk-17 only. On this base use version 17, or choose a base that offers 21.'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
