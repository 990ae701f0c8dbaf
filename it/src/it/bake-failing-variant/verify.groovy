import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
// counts only what happened at bake time: nothing is recorded yet
assert log.contains('2 of 5 target(s) failed to build. The other 3 were built.\n')
// the table is logged line by line, each row with the log's level prefix
assert log =~ /(?m)^\[INFO\] build\s+platform\s+result$/
assert log =~ /(?m)^\[INFO\] mixed-one-no\s+linux\/amd64\s+built [0-9a-f]{12}  factory-it\/mixed:one-no-linux-amd64$/
// a failed RUN shows the start of its command and the reason; image.json keeps the whole error
assert log.contains('mixed-two-yes   linux/amd64     FAILED: process "/bin/sh -c echo \\"failing on purpose, with a command long en…" did not complete successfully: exit code: 7\n')
assert !(log =~ /FAILED: process .*shorten it/) : 'the table repeats the whole command'
// a COPY of a file nothing has built says so, once
assert log.contains("Hint: target not found in the build context (the project directory): the files a Dockerfile copies must exist before factory:bake runs (and be declared as 'context' by the manifest or a fragment). In a jar project, run mvn package: it runs factory:stitch, builds the jar, then runs factory:bake, in that order.")
assert log.count('Hint: ') == 1
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
['mixed-one-no', 'mixed-two-no', 'mixed-three-no'].each { build ->
    def image = new JsonSlurper().parse(new File(out, "builds/${build}/image.json"))
    assert image.platforms[0].status == 'built' && image.platforms[0].digest ==~ /sha256:[0-9a-f]{64}/ : build
    def p = ['docker', 'image', 'inspect', image.platforms[0].ref].execute(); p.waitForProcessOutput(new StringBuilder(), new StringBuilder())
    assert p.exitValue() == 0 : "${image.platforms[0].ref} is not in the engine"
}
def failed = new JsonSlurper().parse(new File(out, 'builds/mixed-two-yes/image.json'))
assert failed.platforms[0].status == 'failed'
assert failed.platforms[0].digest == null
assert failed.platforms[0].error == 'process "/bin/sh -c echo \\"failing on purpose, with a command long enough for the result table to shorten it\\" && exit 7" did not complete successfully: exit code: 7'
def nojar = new JsonSlurper().parse(new File(out, 'builds/nojar/image.json'))
assert nojar.platforms[0].status == 'failed' && nojar.platforms[0].error.contains('target')
true
