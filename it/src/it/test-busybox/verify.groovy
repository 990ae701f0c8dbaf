import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
assert log.contains('All 24 smoke test(s) passed.') : 'not every smoke test passed'
def smoke = new JsonSlurper().parse(new File(out, 'builds/web/smoke.json'))
assert smoke.status == 'pass'
assert smoke.platforms*.platform == ['linux/amd64', 'linux/arm64']
assert smoke.platforms.find { it.platform == 'linux/arm64' }.emulated == true
// Surefire-style reports where CI test reporters look, one suite per platform
['linux-amd64', 'linux-arm64'].each { p ->
    def xml = new XmlSlurper().parse(new File(basedir, "target/failsafe-reports/TEST-factory.web.${p}.xml"))
    assert xml.@name == "factory.web.${p}"
    assert xml.@tests.toInteger() == 12 && xml.@failures.toInteger() == 0 && xml.@errors.toInteger() == 0
    assert xml.@skipped.toInteger() == 1 : 'the licenseTests of the container-structure-test file are reported as skipped'
}
def report = new XmlSlurper().parse(new File(out, 'builds/web/smoke-report.xml'))
assert report.testsuite.size() == 2
// the evidence names each exact command, exit code and image digest
def evidence = new File(out, 'builds/web/evidence.log').text
def image = new JsonSlurper().parse(new File(out, 'builds/web/image.json'))
image.platforms.each { assert evidence.contains(it.digest) : "evidence lacks ${it.digest}" }
assert evidence.contains('docker run') && evidence.contains('--label dev.factory.run=')
assert evidence.contains('cst global env') && evidence.contains('src/test/cst/web.yaml')
// nothing of this run is left in the engine
def p = ['docker', 'ps', '-aq', '--filter', "label=dev.factory.run=${smoke.run}"].execute()
def o = new StringBuilder(); p.waitForProcessOutput(o, new StringBuilder())
assert o.toString().trim().isEmpty() : "containers of run ${smoke.run} were left behind"
true
