// Bad input fails the build with one clear message, no stack trace, and no outputs left behind.
def log = new File(basedir, 'build.log').text
def expected = '''src/main/factory/manifests/app.yaml:3:11: template: invalid template name '/etc/templates/mine'. A template is named, not located: use its bare name'''
assert log.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
assert !new File(basedir, 'target/factory/builds').exists() : 'a failed stitch left builds behind'
assert !new File(basedir, 'target/factory/builds.json').exists() : 'a failed stitch left builds.json behind'
true
