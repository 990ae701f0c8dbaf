import groovy.json.JsonSlurper
def out = new File(basedir, 'target/factory')
def log = new File(basedir, 'build.log').text
// the source really was zstd
def c = new URL("http://${labRegistry}/v2/it/repack-zstd/manifests/latest-linux-amd64").openConnection()
c.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json')
def top = new JsonSlurper().parse(c.inputStream)
def manifest = top.manifests ? {
    def m = new URL("http://${labRegistry}/v2/it/repack-zstd/manifests/${top.manifests.find { it.platform?.architecture == 'amd64' }.digest}").openConnection()
    m.setRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json'); new JsonSlurper().parse(m.inputStream) }() : top
assert manifest.layers.any { it.mediaType == 'application/vnd.oci.image.layer.v1.tar+zstd' } : "the source has no zstd layer: ${manifest.layers*.mediaType}"
// the repack of the last invocation wrote an OCI layout instead of pushing
def report = new JsonSlurper().parse(new File(out, 'builds/zchurn/repack.json'))
assert report.output == 'oci-layout'
assert new File(out, 'builds/zchurn/repacked/index.json').isFile() && new File(out, 'builds/zchurn/repacked/oci-layout').isFile()
assert report.platforms[0].tree_digest ==~ /sha256:[0-9a-f]{64}/
assert log.contains('All 7 smoke test(s) passed.')
true
