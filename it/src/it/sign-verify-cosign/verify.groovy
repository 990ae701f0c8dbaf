import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def (multi, amd64) = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy')).invocations(basedir, 2)
def version = (multi =~ /factory-maven-plugin:([^:]+):verify-image/)[0][1]
def name = "${labRegistry}/it-sign/cosign-made"
def pub = new File(basedir, 'target/keys/signer.pub').absolutePath
def c = new URL("http://${labRegistry}/v2/it-sign/cosign-made/manifests/1.0").openConnection()
c.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json')
def bytes = c.inputStream.bytes
def index = 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex()
def images = new JsonSlurper().parse(bytes).manifests.findAll { it.platform?.os == 'linux' }
def amdDigest = images.find { it.platform.architecture == 'amd64' }.digest
def armDigest = images.find { it.platform.architecture == 'arm64' }.digest

// cosign's signatures and attestations count; the failed arm64 record stops the multi-arch image
assert multi.contains("""[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${version}:verify-image (default-cli) on project sign-verify-cosign: ${name}:1.0 (${index}) is not ready to promote: 1 of 3 manifest(s) fail the check with the key ${pub}:
[ERROR]   - linux/arm64 ${armDigest}: the newest record (cosign-made, 2026-12-01T10:00:00Z) says fail: 1 of 1 tests failed
[ERROR] The image's newest record is not a pass: fix the variant, build, test and sign again.
[ERROR] -> [Help 1]""")
// the amd64 image alone passes, on cosign's signature and attestations
assert amd64.contains("""[INFO] Verified ${name}@${amdDigest} (${amdDigest}) with the key ${pub}:
[INFO]   image ${amdDigest}: signed; record pass (cosign-made, 1/1 tests, 2026-12-01T10:00:00Z); SBOM (1 components)
[INFO] Ready to promote""")
assert amd64.contains('BUILD SUCCESS')
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
true
