import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
assert log.contains('1 of 4 target(s) failed to build; the others were built and recorded.')
assert log =~ /mixed-two-yes\s+linux\/amd64\s+FAILED: process "\/bin\/sh -c echo \\"failing on purpose\\" && exit 7" did not complete successfully: exit code: 7/
['mixed-one-no', 'mixed-two-no', 'mixed-three-no'].each { build ->
    def image = new JsonSlurper().parse(new File(out, "builds/${build}/image.json"))
    assert image.platforms[0].status == 'built' && image.platforms[0].digest ==~ /sha256:[0-9a-f]{64}/ : build
    def p = ['docker', 'image', 'inspect', image.platforms[0].ref].execute(); p.waitForProcessOutput(new StringBuilder(), new StringBuilder())
    assert p.exitValue() == 0 : "${image.platforms[0].ref} is not in the engine"
}
def failed = new JsonSlurper().parse(new File(out, 'builds/mixed-two-yes/image.json'))
assert failed.platforms[0].status == 'failed'
assert failed.platforms[0].digest == null
assert failed.platforms[0].error.contains('exit code: 7')
true
