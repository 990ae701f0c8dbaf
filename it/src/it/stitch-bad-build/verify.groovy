// Bad input fails the build with one clear message, no stack trace, and no outputs left behind.
def log = new File(basedir, 'build.log').text
def expected = "factory.build=greeter-salut-notes: no variant has that build id (did you mean 'greeter-salut-note'?). The build ids are: " +
        'greeter-hello-healthcheck, greeter-hello-note, greeter-salut-healthcheck, greeter-salut-note, other (factory:matrix lists them with their platforms).'
assert log.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
assert !new File(basedir, 'target/factory/builds').exists() : 'a failed stitch left builds behind'
assert !new File(basedir, 'target/factory/builds.json').exists() : 'a failed stitch left builds.json behind'
true
