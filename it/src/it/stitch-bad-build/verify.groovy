// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = "factory.build=greeter-salut-notes: no variant has that build id (did you mean 'greeter-salut-note'?). The build ids are: " +
        'greeter-hello-healthcheck, greeter-hello-note, greeter-salut-healthcheck, greeter-salut-note, other (factory:matrix lists them with their platforms).'
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
