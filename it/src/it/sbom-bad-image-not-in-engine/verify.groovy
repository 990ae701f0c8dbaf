import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
def ref = 'localhost:5000/evidence-its/sbom-bad-image-not-in-engine:latest-linux-amd64'
// the premise: the image was baked into the engine, then removed from it
def image = new JsonSlurper().parse(new File(out, 'builds/app/image.json'))
assert !image.pushed && image.platforms*.status == ['built'] && image.platforms*.ref == [ref]
assert log.contains("Untagged: ${ref}") : 'the image was not removed from the engine'

def at = log.indexOf(':sbom (default-cli) @ sbom-bad-image-not-in-engine')
assert at > 0 : 'factory:sbom did not run'
def sbomLog = log.substring(at)
def expected = """[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${pluginVersion}:sbom (default-cli) on project sbom-bad-image-not-in-engine: factory:sbom failed for 1 of 1 image:
[ERROR]   - build app (linux/amd64): Image ${ref} for linux/amd64 was not found in the local engine; build it first with factory:bake (or docker pull --platform linux/amd64 ${ref}).
[ERROR] -> [Help 1]"""
assert sbomLog.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !sbomLog.contains('SBOM app (') : 'an SBOM was reported written'
// no stack trace, no escaped exception, no SBOM or spooled export left
evaluate(new File(basedir, '../../../src/it/_lib/BadSbom.groovy'))(basedir)
