import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
def report = new JsonSlurper().parse(new File(out, 'builds/churn/repack.json'))
assert report.output == 'registry' && report.tag == 'latest-repacked'
assert report.platforms*.platform == ['linux/amd64', 'linux/arm64']
report.platforms.each { p ->
    assert p.tree_digest ==~ /sha256:[0-9a-f]{64}/ : 'the repacked tree was not checked against the source'
    assert p.tree_entries > 30
    assert p.layer_count >= 2
}
def head = { String ref, String accept ->
    def c = new URL("http://${labRegistry}/v2/it/repack-churn/manifests/${ref}").openConnection()
    c.requestMethod = 'HEAD'; c.setRequestProperty('Accept', accept)
    c.responseCode == 200 ? c.getHeaderField('Docker-Content-Digest') : null
}
assert head('latest-repacked', 'application/vnd.oci.image.index.v1+json') == report.digest : 'the repacked index is not in the registry'
['linux-amd64', 'linux-arm64'].each { assert head("latest-${it}-repacked", 'application/vnd.oci.image.manifest.v1+json') }
// the repacked tags pass the same smoke tests as the canonical ones, on both platforms
assert (log =~ /All 14 smoke test\(s\) passed\./).size() == 2 : 'the canonical and the repacked images did not both pass'
assert log.contains('latest-linux-arm64-repacked')
// bad input
assert log.contains('factory.repack.targetSize is 512.0 KiB, below the 1 MB minimum')
assert log.contains('factory.repack.engine=docker-repack, but docker-repack is not on the PATH')
true
