import groovy.json.JsonSlurper
import java.security.MessageDigest

def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
// one part per Maven invocation of invoker.properties (part 0 is the pre-build script)
def buildLog = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy'))
def (deploy, gate, wrongKey, tamper, tampered) = buildLog.invocations(basedir, 5)

def name = "${labRegistry}/it-sign/signed-app"
def fetch = buildLog.fetcher("${labRegistry}/v2/it-sign/signed-app")
def OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
def BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
def SIGN = 'https://sigstore.dev/cosign/sign/v1'
def CDX = 'https://cyclonedx.org/bom'
def RECORD = 'https://factory.dev/record/v1'
def keys = new File(basedir, 'target/keys')
def signerPub = new File(keys, 'signer.pub')
def otherPub = new File(keys, 'other.pub')
// the key hint of sigstore bundles: base64 of the SHA-256 of the public key's DER
def hint = { File pub ->
    def der = pub.text.readLines().findAll { !it.startsWith('-----') }.join('').decodeBase64()
    MessageDigest.getInstance('SHA-256').digest(der).encodeBase64().toString()
}
def signerHint = hint(signerPub)
def otherHint = hint(otherPub)

// what was pushed: two images, the per-platform tags' indexes (image + provenance), the multi-arch index
def image = json.parse(new File(basedir, 'target/factory/builds/signed-app/image.json'))
def smoke = json.parse(new File(basedir, 'target/factory/builds/signed-app/smoke.json'))
assert image.pushed && image.index_digest
def index = image.index_digest
def platforms = json.parse(fetch("/manifests/${index}", OCI_INDEX)).manifests
        .findAll { it.platform?.os == 'linux' }.collect { "${it.platform.os}/${it.platform.architecture}".toString() }
assert platforms == ['linux/amd64', 'linux/arm64']
def imageOf = platforms.collectEntries { p -> [p, smoke.platforms.find { it.platform == p }.digest] }
def tagOf = platforms.collectEntries { p -> [p, image.platforms.find { it.platform == p }.digest] }
imageOf.each { p, d -> assert d && d != tagOf[p] : "${p}: the per-platform tag should name an index of the image and its provenance" }

// 1. the deploy phase ran sign after publish and record, with the key from factory.sign.key
def publishAt = deploy.indexOf(':publish (default-publish) @')
def recordAt = deploy.indexOf(':record (default-record-1) @')
def signAt = deploy.indexOf(':sign (default-sign) @')
assert publishAt > 0 && recordAt > publishAt && signAt > recordAt : 'sign did not run after publish and record'
assert deploy.contains('BUILD SUCCESS')
def keyFile = new File(keys, 'signer.key').absolutePath
assert deploy.contains("[INFO] Signing 5 manifest(s) with the key ${keyFile} (ECDSA P-256, public key hint ${signerHint})")
platforms.each { p ->
    assert deploy.contains("[INFO] Signed signed-app (${p}) ${name}@${imageOf[p]}: signature, SBOM attestation, record attestation (pass)")
    assert deploy.contains("[INFO] Signed signed-app (${p} tag) ${name}@${tagOf[p]}: signature")
}
assert deploy.contains("[INFO] Signed signed-app (multi-arch index) ${name}@${index}: signature")
assert (deploy =~ /\[INFO\] Signed 5 manifest\(s\) \(2 image\(s\)\) in \d+ ms, \d+ ms per image/).find()

// the password reached no log and no file
['sign-deploy-pw-8d1f', 'another-password'].each { secret ->
    assert !log.contains(secret) : 'a key password is in build.log'
    new File(basedir, 'target').eachFileRecurse { f -> if (f.isFile()) assert !f.getText('ISO-8859-1').contains(secret) : "a key password is in ${f}" }
}

// the registry holds cosign's layout: per subject, bundles as OCI referrers (the lab registry has no referrers API,
// so the sha256-<hex> tag index lists them), each announcing its predicate type
def bundles = { String digest ->
    json.parse(fetch("/manifests/sha256-${digest.substring(7)}", OCI_INDEX)).manifests
            .findAll { it.artifactType == BUNDLE }
            .collectEntries { [it.annotations['dev.sigstore.bundle.predicateType'], it.digest] }
}
platforms.each { p ->
    assert bundles(imageOf[p]).keySet() == [SIGN, CDX, RECORD] as Set
    assert bundles(tagOf[p]).keySet() == [SIGN] as Set
}
assert bundles(index).keySet() == [SIGN] as Set
def artifact = json.parse(fetch("/manifests/${bundles(index)[SIGN]}", 'application/vnd.oci.image.manifest.v1+json'))
assert artifact.artifactType == BUNDLE && artifact.config.mediaType == 'application/vnd.oci.empty.v1+json'
assert artifact.layers*.mediaType == [BUNDLE] && artifact.subject.digest == index && artifact.subject.mediaType == OCI_INDEX
assert artifact.annotations['dev.sigstore.bundle.content'] == 'dsse-envelope'

// the real verifier: cosign verify accepts every signature with the signer's key, none with the other
(platforms.collect { [imageOf[it], tagOf[it]] }.flatten() + [index]).each { d ->
    def ok = cosign.verify(signerPub, "${name}@${d}")
    assert ok.exit == 0 : "cosign verify rejects ${d}: ${ok.out}"
    def other = cosign.verify(otherPub, "${name}@${d}")
    assert other.exit != 0 : "cosign verify accepts ${d} with another key"
}
def byTag = cosign.verify(signerPub, "${name}:1.0")
assert byTag.exit == 0 : "cosign verify rejects the multi-arch tag: ${byTag.out}"

// cosign verify-attestation: the SBOM (as cyclonedx) and the record (Factory's type) are the files of the build
def predicate = { String out ->
    def line = out.readLines().find { it.startsWith('{"payload"') }
    assert line : "cosign printed no attestation: ${out}"
    json.parse(json.parseText(line).payload.decodeBase64())
}
def sbomFile = { p -> new File(basedir, "target/factory/builds/signed-app/sbom-${p.replace('/', '-')}.cdx.json") }
def recordFile = { p -> new File(basedir, 'target/factory/records/signed-app').listFiles().find { it.name.startsWith("signed-app--${p.replace('/', '-')}--") } }
platforms.each { p ->
    def sbom = cosign.verifyAttestation(signerPub, 'cyclonedx', "${name}@${imageOf[p]}")
    assert sbom.exit == 0 : "cosign verify-attestation --type cyclonedx rejects ${p}: ${sbom.out}"
    def statement = predicate(sbom.out)
    assert statement.predicateType == CDX && statement.subject*.digest.sha256 == [imageOf[p].substring(7)]
    assert statement.predicate == json.parse(sbomFile(p)) : "${p}: the attested SBOM is not the build's"
    assert cosign.verifyAttestation(otherPub, 'cyclonedx', "${name}@${imageOf[p]}").exit != 0
}
def arm = cosign.verifyAttestation(signerPub, RECORD, "${name}@${imageOf['linux/arm64']}")
assert arm.exit == 0 : "cosign verify-attestation --type ${RECORD} rejects linux/arm64: ${arm.out}"
assert predicate(arm.out).predicate == json.parse(recordFile('linux/arm64')) : 'the attested record is not the one written'
// the amd64 record was changed in the registry after signing (invocation 4): cosign rejects it too
assert tamper.contains("Tampered with the record attestation of ${imageOf['linux/amd64']}")
def amd = cosign.verifyAttestation(signerPub, RECORD, "${name}@${imageOf['linux/amd64']}")
assert amd.exit != 0 : "cosign verify-attestation accepts the changed record: ${amd.out}"

// 2. the promotion gate lets it through with the signer's key
def signerPubPath = signerPub.absolutePath
def records = platforms.collectEntries { p -> [p, json.parse(recordFile(p))] }
assert gate.contains("""[INFO] Verified ${name}:1.0 (${index}) with the key ${signerPubPath}:
[INFO]   index ${index}: signed
${platforms.collect { p -> "[INFO]   ${p} ${imageOf[p]}: signed; record pass (signed-app, 1/1 tests, ${records[p].created}); SBOM (1 components)" }.join('\n')}
[INFO] Ready to promote: every manifest is signed, and every image has a passing record and an SBOM, signed with the same key.""")
assert gate.contains('BUILD SUCCESS')

// 3. ... and stops it with another key, naming each bundle and the key that did sign
def version = (wrongKey =~ /factory-maven-plugin:([^:]+):verify-image/)[0][1]
def otherPubPath = otherPub.absolutePath
// (the amd64 record's bundle listed then is the one TamperRecord replaced later)
def replaced = (tamper =~ /: (sha256:[0-9a-f]{64}) is now (sha256:[0-9a-f]{64})/)[0]
def before = { String d, String type -> def b = bundles(d)[type]; b == replaced[2] ? replaced[1] : b }
def foreign = { String d, String type -> "the bundle ${before(d, type)} is signed with another key (hint ${signerHint})" }
assert wrongKey.contains("""[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${version}:verify-image (default-cli) on project sign-deploy: ${name}:1.0 (${index}) is not ready to promote: 3 of 3 manifest(s) fail the check with the key ${otherPubPath}:
[ERROR]   - index ${index}: no valid signature: ${foreign(index, SIGN)}
${platforms.collect { p -> "[ERROR]   - ${p} ${imageOf[p]}: no valid signature: ${foreign(imageOf[p], SIGN)}; no valid record attestation (${RECORD}): ${foreign(imageOf[p], RECORD)}; no valid SBOM attestation (${CDX}): ${foreign(imageOf[p], CDX)}" }.join('\n')}
[ERROR] The key ${otherPubPath} (hint ${otherHint}) did not sign these: check that factory.verify.key is the public half of the key that signed ('cosign public-key --key cosign.key' prints it).
[ERROR] -> [Help 1]""")

// 5. after the change in the registry the gate stops the image, naming the record that no longer verifies
def amd64 = imageOf['linux/amd64']
assert tampered.contains("""[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${version}:verify-image (default-cli) on project sign-deploy: ${name}:1.0 (${index}) is not ready to promote: 1 of 3 manifest(s) fail the check with the key ${signerPubPath}:
[ERROR]   - linux/amd64 ${amd64}: no valid record attestation (${RECORD}): the bundle ${bundles(amd64)[RECORD]} does not verify with ${signerPubPath}, whose key it names: its content was changed after it was signed
[ERROR] Something in the registry was changed after it was signed: do not promote this image; find out who can write to the repository, then sign again from the build's own evidence.
[ERROR] -> [Help 1]""")

[wrongKey, tampered].each { run ->
    assert !(run =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
    assert !(run =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
}
true
