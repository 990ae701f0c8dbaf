// Bad input fails the build with one clear message, no stack trace, and no outputs left behind.
def log = new File(basedir, 'build.log').text
def expected = '''src/main/factory/fragments/core/greeter/Dockerfile.vm:2:10: undefined reference \$params.recipient. Define it (a parameter in fragment.yaml with a default, or a value in the manifest's params) or remove it.'''
assert log.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
assert !new File(basedir, 'target/factory/builds').exists() : 'a failed stitch left builds behind'
assert !new File(basedir, 'target/factory/builds.json').exists() : 'a failed stitch left builds.json behind'
true
