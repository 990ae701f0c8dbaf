// Bad input fails the build with one clear message, no stack trace, and no outputs left behind.
def log = new File(basedir, 'build.log').text
def expected = '''No manifests found in src/main/factory/manifests: Factory looks for *.yaml files there. Add a manifest (see docs/manifest.md for a complete example), or point factory.manifests at the folder that holds yours.'''
assert log.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
assert !new File(basedir, 'target/factory/builds').exists() : 'a failed stitch left builds behind'
assert !new File(basedir, 'target/factory/builds.json').exists() : 'a failed stitch left builds.json behind'
true
