// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/fragments/core/greeter/Dockerfile.vm:2:10: undefined reference \$params.recipient. Define it (a parameter in fragment.yaml with a default, or a value in the manifest's params) or remove it.'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
