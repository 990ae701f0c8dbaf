// The generated service built, tested and recorded both variants for linux/amd64, and its own IT passed against
// the image, on the toolchain of this run.
import groovy.json.JsonSlurper
def project = new File(basedir, 'generated/orders-api')
def log = new File(project, 'build.log').exists() ? new File(project, 'build.log').text : new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
['orders-api-debian-bookworm-slim-17', 'orders-api-debian-trixie-slim-21'].each { b ->
    def smoke = new JsonSlurper().parse(new File(project, "target/factory/builds/${b}/smoke.json"))
    assert smoke.status == 'pass' && smoke.platforms*.platform == ['linux/amd64'] : "${b}: ${smoke.status}"
    assert new File(project, "target/factory/builds/${b}/sbom.cdx.json").isFile() : "no SBOM for ${b}"
}
def failsafe = new File(project, 'target/failsafe-reports/TEST-com.example.ServiceIT.xml').text
assert failsafe.contains('failures="0"') && failsafe.contains('errors="0"') && failsafe.contains('tests="2"')
assert new File(project, 'target/factory/records/orders-api').listFiles().findAll { it.name.endsWith('.json') }.size() == 2
true
