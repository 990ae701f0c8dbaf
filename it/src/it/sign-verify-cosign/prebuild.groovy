// An image signed and attested by the real cosign, not by Factory: the lab's busybox copied to it-sign/cosign-made,
// the index and both images signed ('cosign sign'), each image's SBOM and record attested ('cosign attest'), with a
// signing config that has no transparency log (offline). The records are written here by hand, after the schema:
// linux/amd64 passed, linux/arm64 failed.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
def target = new File(basedir, 'target')
def key = cosign.keyPair(new File(target, 'keys'), 'signer', 'cosign-made-pw')
def env = [COSIGN_PASSWORD: 'cosign-made-pw']
def config = new File(target, 'signing-config.json')
def made = cosign.run(['signing-config', 'create', '--out', config.absolutePath])
assert made.exit == 0 : "cosign signing-config create: ${made.out}"

def name = "${labRegistry}/it-sign/cosign-made"
def copy = ['docker', 'buildx', 'imagetools', 'create', '-t', "${name}:1.0", "${labMirror}/busybox:1.35"].execute()
def copied = copy.text
assert copy.waitFor() == 0 : "copying busybox failed: ${copied}"
def c = new URL("http://${labRegistry}/v2/it-sign/cosign-made/manifests/1.0").openConnection()
c.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json')
def bytes = c.inputStream.bytes
def index = 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex()
def images = new JsonSlurper().parse(bytes).manifests.findAll { it.platform?.os == 'linux' }
new File(target, 'amd64.properties').text = "factory.verify.image=${name}@${images.find { it.platform.architecture == 'amd64' }.digest}\n"

def sign = { String ref ->
    def r = cosign.run(['sign', '--key', key.absolutePath, '--signing-config', config.absolutePath, '--yes', ref], env)
    assert r.exit == 0 : "cosign sign ${ref}: ${r.out}"
}
def attest = { String ref, String type, Map predicate, String file ->
    def f = new File(target, file)
    f.text = JsonOutput.toJson(predicate)
    def r = cosign.run(['attest', '--key', key.absolutePath, '--signing-config', config.absolutePath, '--yes', '--type', type,
                        '--predicate', f.absolutePath, ref], env)
    assert r.exit == 0 : "cosign attest ${type} ${ref}: ${r.out}"
}
sign("${name}@${index}")
images.each { img ->
    def arch = img.platform.architecture
    def ref = "${name}@${img.digest}"
    def passed = arch == 'amd64'
    sign(ref)
    attest(ref, 'cyclonedx', [bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
            metadata: [component: [type: 'container', name: name, version: img.digest]],
            components: [[type: 'application', name: 'busybox', version: '1.35.0']]], "sbom-${arch}.json")
    attest(ref, 'https://factory.dev/record/v1', [
            schema: 'factory.record/v1', manifest_id: 'cosign-made', manifest_digest: 'sha256:' + '1' * 64, build: 'cosign-made',
            plan: null, variant: [:], fingerprint: 'sha256:' + '2' * 64, fragments: [],
            image: [name: name, tag: '1.0', platform: "linux/${arch}", digest: img.digest, index_digest: null, pushed: true],
            status: passed ? 'pass' : 'fail', tests: [total: 1, failed: passed ? 0 : 1, skipped: 0],
            evidence: null, sbom: null, tools: [docker: null, buildx: null, factory: null], source: [commit: null, dirty: null],
            ci: null, run: 'cosign-made-run', created: '2026-12-01T10:00:00Z', notes: []], "record-${arch}.json")
}
true
