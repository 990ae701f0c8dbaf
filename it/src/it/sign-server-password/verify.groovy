import groovy.json.JsonSlurper

def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
def (first, again, gate) = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy')).invocations(basedir, 3)
def name = "${labRegistry}/it-sign/server-app"
def image = json.parse(new File(basedir, 'target/factory/builds/server-app/image.json'))
def smoke = json.parse(new File(basedir, 'target/factory/builds/server-app/smoke.json'))
// bake pushed the image with its provenance (an index) and the tests pulled that: the evidence names the index,
// and is attested on the image inside it
def tag = image.platforms[0].digest
assert image.pushed && smoke.platforms[0].digest == tag
def c = new URL("http://${labRegistry}/v2/it-sign/server-app/manifests/${tag}").openConnection()
c.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json')
def digest = json.parse(c.inputStream.bytes).manifests.find { it.platform?.os == 'linux' }.digest
assert digest && digest != tag
// one platform: the multi-arch tag is the per-platform tag's index, signed once
assert image.index_digest == tag

// the server's password opened the key (COSIGN_PASSWORD was wrong), and the image was signed with its evidence
assert first.contains('BUILD SUCCESS')
assert first.contains("[INFO] Signing 2 manifest(s) with the key ${new File(basedir, 'target/keys/signer.key').absolutePath} (ECDSA P-256")
assert first.contains("[INFO] Signed server-app (linux/amd64) ${name}@${digest}: signature, SBOM attestation, record attestation (pass)")
assert first.contains("[INFO] Signed server-app (linux/amd64 tag) ${name}@${tag}: signature")
// a second run finds everything signed with this key and pushes nothing
assert again.contains("[INFO] Signed server-app (linux/amd64) ${name}@${digest}: already there: signature, SBOM attestation, record attestation (pass)")
assert again.contains("[INFO] Signed server-app (linux/amd64 tag) ${name}@${tag}: already there: signature")
def referrers = json.parseText(new URL("http://${labRegistry}/v2/it-sign/server-app/manifests/sha256-${digest.substring(7)}")
        .openConnection().with { setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json'); inputStream.text })
def bundles = referrers.manifests.findAll { it.artifactType == 'application/vnd.dev.sigstore.bundle.v0.3+json' }
assert bundles*.annotations*.get('dev.sigstore.bundle.predicateType').sort() ==
        ['https://cyclonedx.org/bom', 'https://factory.dev/record/v1', 'https://sigstore.dev/cosign/sign/v1']

// the real verifier accepts the signature and both attestations
def pub = new File(basedir, 'target/keys/signer.pub')
[digest, tag].each { d ->
    def r = cosign.verify(pub, "${name}@${d}")
    assert r.exit == 0 : "cosign verify rejects ${d}: ${r.out}"
}
['cyclonedx', 'https://factory.dev/record/v1'].each { type ->
    def r = cosign.verifyAttestation(pub, type, "${name}@${digest}")
    assert r.exit == 0 : "cosign verify-attestation --type ${type} rejects it: ${r.out}"
}
// the gate takes evidence that names the image's per-platform index
def records = new File(basedir, 'target/factory/records/server-app').listFiles()
assert records.size() == 1
def record = json.parse(records[0])
assert record.image.digest == tag
assert gate.contains("""[INFO] Verified ${name}:1.0 (${tag}) with the key ${pub.absolutePath}:
[INFO]   index ${tag}: signed
[INFO]   linux/amd64 ${digest}: signed; record pass (server-app, 1/1 tests, ${record.created}); SBOM (1 components)
[INFO] Ready to promote""")
['it-sign-key-password', 'not-this-one', 'it-sign-master'].each { assert !log.contains(it) : 'build.log shows a password' }
true
