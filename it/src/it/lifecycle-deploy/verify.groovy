import groovy.json.JsonSlurper
import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
def json = new JsonSlurper()
def buildLog = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy'))
def fetch = buildLog.fetcher(labRegistry)
def sha256 = { byte[] b -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }
def OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

// the deploy phase ran publish and then record again
assert (log =~ /--- factory:[^:]+:publish \(default-publish\)/).find()
assert (log =~ /--- factory:[^:]+:record \(default-record-1\)/).find()
assert log.contains('BUILD SUCCESS')
// no signing key configured: sign says so and signs nothing
assert log.contains("[INFO] Skipping factory:sign (no signing key: set factory.sign.key to a cosign key file ('cosign generate-key-pair' "
        + "makes one), or factory.sign.keyless=true to sign keyless with the cosign CLI)")

def smoke = json.parse(new File(basedir, 'target/factory/builds/deploy-app/smoke.json'))
def image = json.parse(new File(basedir, 'target/factory/builds/deploy-app/image.json'))
assert image.pushed == true && image.index_digest
// (records of earlier runs of this IT may be there too when target was not cleaned)
def records = new File(basedir, 'target/factory/records/deploy-app').listFiles()
        .findAll { it.name.endsWith('.json') && json.parse(it).run == smoke.run }
assert records.size() == 2 : "one record per platform and test run, none written again at deploy: ${records*.name}"

['linux/amd64', 'linux/arm64'].each { platform ->
    def tested = smoke.platforms.find { it.platform == platform }
    assert tested.status == 'pass'
    // what publish pushed for this platform: an index of the image and its provenance; its image is the one tested
    def pushed = image.platforms.find { it.platform == platform }
    def index = json.parse(fetch("/v2/it/deploy-app/manifests/${pushed.digest}", OCI_INDEX))
    def (os, arch) = platform.split('/')
    def inside = index.manifests.find { it.platform?.os == os && it.platform?.architecture == arch }
    assert inside.digest == tested.digest : "${platform}: published ${inside.digest}, tested ${tested.digest}"
    assert log.contains("Record deploy-app (${platform}): the image was published since it was recorded, and it is the image tested (${tested.digest})")

    // the record of the test run, unchanged, is a referrer of that image (referrers tag schema in the lab registry)
    def file = records.find { it.name.startsWith("deploy-app--${os}-${arch}--") }
    def record = json.parse(file)
    assert record.status == 'pass' && record.image.digest == tested.digest && record.run == smoke.run
    def referrers = json.parse(fetch("/v2/it/deploy-app/manifests/sha256-${tested.digest.substring(7)}", OCI_INDEX))
    def recordRef = referrers.manifests.find { it.artifactType == 'application/vnd.dev.factory.record.v1+json' }
    def sbomRef = referrers.manifests.find { it.artifactType == 'application/vnd.cyclonedx+json' }
    assert recordRef && sbomRef : "referrers of ${tested.digest}: ${referrers.manifests*.artifactType}"
    def artifact = json.parse(fetch("/v2/it/deploy-app/manifests/${recordRef.digest}", 'application/vnd.oci.image.manifest.v1+json'))
    assert artifact.subject.digest == tested.digest
    assert artifact.layers[0].digest == sha256(file.bytes) : 'the record in the registry is not the file attached to the deployment'
}

// the deployment carries the pom, and each platform's record and SBOM as attached artifacts
def deployed = new File(basedir, 'target/deploy-repo/dev/factory/it/lifecycle-deploy/1.0')
assert new File(deployed, 'lifecycle-deploy-1.0.pom').isFile()
['linux-amd64', 'linux-arm64'].each { p ->
    assert new File(deployed, "lifecycle-deploy-1.0-deploy-app-${p}-record.json").isFile() : "no ${p} record deployed: ${deployed.list()}"
}
assert deployed.list().findAll { it.contains('sbom') && it.endsWith('.json') }.size() == 2 : "SBOMs deployed: ${deployed.list()}"
true
