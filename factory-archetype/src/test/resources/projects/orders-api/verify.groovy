// Runs after `mvn verify` of the generated project (archetype:integration-test's post-build hook):
// the plugin hands the generated project's folder over as context.projectDir.
import groovy.json.JsonSlurper

def projectDir = context.projectDir as File
def file = { String path -> new File(projectDir, path) }
def json = { String path -> new JsonSlurper().parse(file(path)) }

// what was generated
['pom.xml', 'README.md', '.gitignore', '.dockerignore', 'mvnw', 'mvnw.cmd', '.mvn/wrapper/maven-wrapper.properties',
 '.github/workflows/factory.yml', 'src/main/factory/manifests/orders-api.yaml', 'src/main/factory/plans/jre.yaml',
 'src/main/java/com/example/Service.java', 'src/main/java/com/example/Routes.java',
 'src/test/java/com/example/RoutesTest.java', 'src/test/java/com/example/ServiceIT.java'].each {
    assert file(it).isFile() : "not generated: ${it}"
}
assert file('mvnw').canExecute() : 'mvnw lost its executable bit'
def pom = file('pom.xml').text
assert pom.contains('<factory.version>0.1.0') && !pom.contains('@project.version@') : 'the plugin version was not filled in'
assert pom.contains('<finalName>orders-api</finalName>')
def workflow = file('.github/workflows/factory.yml').text
assert workflow.contains('${{ fromJSON(needs.matrix.outputs.matrix) }}') : 'the workflow was filtered'
assert workflow.contains('"-Dfactory.build=${BUILD}"') : 'each matrix job must build only its own variant'
// signing is keyless and happens on main only: only the main-branch jobs that sign may ask for an OIDC token
def sign = workflow.substring(workflow.indexOf('\n  sign:'), workflow.indexOf('\n  merge:'))
def merge = workflow.substring(workflow.indexOf('\n  merge:'), workflow.indexOf('\n  report:'))
[sign, merge].each {
    assert it.contains("if: github.event_name == 'push' && github.ref == 'refs/heads/main'") && it.contains('id-token: write')
    assert it.contains('sigstore/cosign-installer@') && it.contains('factory:sign -Dfactory.sign.keyless=true')
}
assert merge.contains('-Dfactory.sign.merged=true')
assert workflow.findAll('id-token: write').size() == 2 : 'a job that pull requests run must not get an OIDC token'
// pull requests build and test only the variants they change; an empty matrix skips the build jobs
def matrixJob = workflow.substring(workflow.indexOf('\n  matrix:'), workflow.indexOf('\n  build:'))
assert matrixJob.contains("CHANGED_ONLY: \${{ github.event_name == 'pull_request' }}")
assert matrixJob.contains('args+=(-Dfactory.matrix.changedOnly=true -Dfactory.records.source=registry)')
assert workflow.contains("if: needs.matrix.outputs.count != '0'")
['README.md', 'src/main/factory/manifests/orders-api.yaml', 'src/main/factory/plans/jre.yaml'].each {
    assert !(file(it).text =~ /\$\{(artifactId|groupId|package|imageRepository)\}/) : "unrendered archetype property in ${it}"
}
assert file('src/main/factory/manifests/orders-api.yaml').text.contains('image: factory/orders-api')

// the unit tests and the Failsafe IT ran against the image, and passed
def suite = { String path ->
    def xml = new groovy.xml.XmlSlurper().parse(file(path))
    [tests: xml.@tests.toInteger(), failures: xml.@failures.toInteger(), errors: xml.@errors.toInteger()]
}
def unit = suite('target/surefire-reports/TEST-com.example.RoutesTest.xml')
assert unit.tests == 5 && unit.failures == 0 && unit.errors == 0 : "RoutesTest: ${unit}"
def failsafe = suite('target/failsafe-reports/TEST-com.example.ServiceIT.xml')
assert failsafe.tests == 2 && failsafe.failures == 0 && failsafe.errors == 0 : "ServiceIT: ${failsafe}"
def log = file('build.log').text
// the verdict (sbom, record, report) comes before the service's IT, which never runs against a stale image
assert log.indexOf(':report (factory-verdict)') > 0 && log.indexOf(':start (start-service)') > 0 : 'report or start did not run'
assert log.indexOf(':report (factory-verdict)') < log.indexOf(':start (start-service)') : 'the service started before the report'
assert log.contains('DOCKER> [factory/orders-api:debian-bookworm-slim-17] "service": Waited on url http://localhost:') : 'the IT did not wait for /health'
assert log =~ /"service": Stop and removed container/ : 'the container was not removed'

// both variants were stitched for both platforms and built for linux/amd64 only
def builds = json('target/factory/builds.json').builds
assert builds*.build == ['orders-api-debian-bookworm-slim-17', 'orders-api-debian-trixie-slim-21']
builds.each { b ->
    assert b.platforms == ['linux/amd64', 'linux/arm64'] : "${b.build}: ${b.platforms}"
    def image = json("target/factory/builds/${b.build}/image.json")
    assert image.platforms*.platform == ['linux/amd64'] && image.platforms*.status == ['built'] : "${b.build}: ${image.platforms}"
    def smoke = json("target/factory/builds/${b.build}/smoke.json")
    assert smoke.status == 'pass' && smoke.tests.failed == 0 && smoke.tests.errors == 0 : "${b.build}: ${smoke}"
    assert smoke.platforms*.platform == ['linux/amd64']
    assert file("target/factory/builds/${b.build}/sbom.cdx.json").isFile() : "no SBOM for ${b.build}"
}
def evidence = file('target/factory/builds/orders-api-debian-bookworm-slim-17/evidence.log').text
['jre 17 runs', 'orders-api is healthy and answers on /hello'].each { assert evidence.contains(it) : "no evidence of '${it}'" }
assert file('target/factory/builds/orders-api-debian-trixie-slim-21/evidence.log').text.contains('jre 21 runs')

// nothing left running
def left = ['docker', 'ps', '-aq', '--filter', 'ancestor=factory/orders-api:debian-bookworm-slim-17'].execute().text.trim()
assert left.isEmpty() : "containers left behind: ${left}"
true
