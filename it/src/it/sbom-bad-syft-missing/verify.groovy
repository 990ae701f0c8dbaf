import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
// the premise: factory:sbom ran with a PATH that lacks syft, and there was an image to describe
def hidden = new File(basedir, 'target/path-without-syft')
assert new File(hidden, 'docker').canExecute() && !new File(hidden, 'syft').exists()
assert new JsonSlurper().parse(new File(out, 'builds/app/image.json')).platforms*.status == ['built'] : 'the bake did not build the image'

def at = log.indexOf(':sbom (default-cli) @ sbom-bad-syft-missing')
assert at > 0 : 'factory:sbom did not run'
def sbomLog = log.substring(at)
def error = (sbomLog =~ /(?m)^\[ERROR\] Failed to execute goal dev\.factory:factory-maven-plugin:[^:]+:sbom \(default-cli\) on project sbom-bad-syft-missing: (.*) -> \[Help 1\]$/)
assert error.find() : 'factory:sbom did not fail'
assert error.group(1) == 'syft was requested (factory.sbom.generator=syft) but is not on the PATH; install it (https://github.com/anchore/syft#installation) or use factory.sbom.generator=builtin/auto.' : error.group(1)
// it failed before reading any image
assert !sbomLog.contains('SBOM generator:') && !sbomLog.contains('SBOM app (') : 'factory:sbom went on without syft'
// no stack trace, no escaped exception, no SBOM or spooled export left
evaluate(new File(basedir, '../../../src/it/_lib/BadSbom.groovy'))(basedir)
