import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
// the premise: the image was pushed, then deleted from the registry
def image = new JsonSlurper().parse(new File(out, 'builds/app/image.json'))
assert image.pushed && image.platforms*.status == ['built']
def digest = image.platforms[0].digest
assert log.contains("DELETE http://${labRegistry}/v2/evidence-its/sbom-bad-image-not-in-registry/manifests/${digest}: 202") : 'the image was not deleted from the registry'

def at = log.indexOf(':sbom (default-cli) @ sbom-bad-image-not-in-registry')
assert at > 0 : 'factory:sbom did not run'
def sbomLog = log.substring(at)
def expected = """[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${pluginVersion}:sbom (default-cli) on project sbom-bad-image-not-in-registry: factory:sbom failed for 1 of 1 image:
[ERROR]   - build app (linux/amd64): Image ${labRegistry}/evidence-its/sbom-bad-image-not-in-registry:latest@${digest} was not found in the registry ${labRegistry}: check the name and tag, or push it first (factory:bake with factory.push).
[ERROR] -> [Help 1]"""
assert sbomLog.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !sbomLog.contains('SBOM app (') : 'an SBOM was reported written'
// no stack trace, no escaped exception, no SBOM or spooled export left
evaluate(new File(basedir, '../../../src/it/_lib/BadSbom.groovy'))(basedir)
