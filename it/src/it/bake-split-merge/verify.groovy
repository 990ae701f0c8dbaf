import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('Built only linux/amd64 (factory.platform): the multi-arch tags are joined later by factory:merge.')
assert log.contains('Built only linux/arm64 (factory.platform)')
assert log =~ /multi-arch localhost:5000\/it\/split:latest = sha256:[0-9a-f]{64} \(linux\/amd64, linux\/arm64\)/
def conn = new URL("http://${labRegistry}/v2/it/split/manifests/latest").openConnection()
conn.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json')
def index = new JsonSlurper().parse(conn.inputStream)
def platforms = index.manifests.findAll { it.platform?.os == 'linux' }.collect { "${it.platform.os}/${it.platform.architecture}".toString() }
assert platforms.sort() == ['linux/amd64', 'linux/arm64'] : "index platforms: ${platforms}"
true
