import groovy.json.JsonSlurper

def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
def buildLog = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy'))
def (unsigned, noImage, missing) = buildLog.invocations(basedir, 3)
def version = (unsigned =~ /factory-maven-plugin:([^:]+):verify-image/)[0][1]
def name = "${labRegistry}/it-sign/unsigned"
def fetch = buildLog.fetcher("${labRegistry}/v2/it-sign/unsigned")
def index = json.parse(fetch('/manifests/1.0', 'application/vnd.oci.image.index.v1+json'))
def indexDigest = fetch('/manifests/1.0', 'application/vnd.oci.image.index.v1+json').with {
    'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(it).encodeHex().toString()
}
def images = index.manifests.findAll { it.platform?.os == 'linux' }
assert images*.platform*.architecture == ['amd64', 'arm64']
def pub = new File(basedir, 'target/keys/signer.pub').absolutePath
def prefix = "[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${version}:verify-image (default-cli) on project sign-verify-unsigned: "

// 1. every manifest is named with what it lacks, and the advice says how to get it
assert unsigned.contains("""${prefix}${name}:1.0 (${indexDigest}) is not ready to promote: 3 of 3 manifest(s) fail the check with the key ${pub}:
[ERROR]   - index ${indexDigest}: no signature
${images.collect { "[ERROR]   - linux/${it.platform.architecture} ${it.digest}: no signature; no record attestation (https://factory.dev/record/v1); no SBOM attestation (https://cyclonedx.org/bom)" }.join('\n')}
[ERROR] Sign the image and attest its evidence with factory:sign (mvn deploy runs it when factory.sign.key is set).
[ERROR] -> [Help 1]""")
// the real verifier agrees
def cosignSays = cosign.verify(new File(pub), "${name}:1.0")
assert cosignSays.exit != 0 : "cosign verify accepts the unsigned image: ${cosignSays.out}"

// 2. and 3. bad input
assert noImage.contains("${prefix}No image to check: give it with -Dfactory.verify.image=REGISTRY/REPOSITORY:TAG (or @sha256:...). -> [Help 1]")
assert missing.contains("${prefix}Image ${name}:missing was not found in the registry ${labRegistry}: check factory.verify.image. -> [Help 1]")

[unsigned, noImage, missing].each { run ->
    assert !(run =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
    assert !(run =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
}
// the gate only reads: the repository still has its one tag, no referrers tag
assert json.parse(fetch('/tags/list', null)).tags == ['1.0']
true
