// A two-platform matrix on the lab's BuildKit farm. Each target ran on the node of its platform, as BuildKit itself
// says (its build history on that node), and the pushed images were tested, recorded and joined.
import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def json = { String path -> new JsonSlurper().parse(new File(basedir, path)) }
def farm = System.getenv('FACTORY_LAB_FARM')
def buildctl = System.getenv('FACTORY_LAB_BUILDCTL')
assert farm && buildctl : 'FACTORY_LAB_FARM and FACTORY_LAB_BUILDCTL come from the lab: eval "$(.ci/docker-lab.sh env)"'
def run = { List<String> argv -> def p = argv.execute(); def o = new StringBuilder(); def e = new StringBuilder(); p.waitForProcessOutput(o, e); assert p.exitValue() == 0 : "${argv}: ${e}"; o.toString() }

assert log.contains("Builder ${farm} (driver remote: farm-amd64 linux/amd64 running BuildKit v0.32.2; farm-arm64 linux/arm64 running BuildKit v0.32.2)")
assert log.contains('All 2 smoke test(s) passed.') || log =~ /All \d+ smoke test\(s\) passed\./

// BuildKit's own history on each node holds exactly the targets of that node's platform
def endpoints = ['linux/amd64': 'tcp://127.0.0.1:1234', 'linux/arm64': 'tcp://127.0.0.1:1235']
def histories = endpoints.collectEntries { platform, addr -> [(platform): run([buildctl, '--addr', addr, 'debug', 'histories'])] }
def metadata = json('target/factory/bake-metadata.json')
def builds = json('target/factory/builds.json').builds*.build
assert builds == ['farm-hello', 'farm-salut']
builds.each { b ->
    def image = json("target/factory/builds/${b}/image.json")
    assert image.pushed && image.index_digest ==~ /sha256:[0-9a-f]{64}/ : "${b} was not pushed and joined"
    image.platforms.each { p ->
        def arch = p.platform.substring(6)
        assert p.status == 'built' && p.built_by == "${farm}/farm-${arch}" : "${b} ${p.platform}: ${p.status} by ${p.built_by}"
        def ref = metadata["${b}-linux-${arch}"]['buildx.build.ref'].tokenize('/')[-1]
        assert histories[p.platform].contains(ref) : "BuildKit on ${endpoints[p.platform]} has no build ${ref} of ${b} ${p.platform}"
        def other = endpoints.keySet().find { it != p.platform }
        assert !histories[other].contains(ref) : "${b} ${p.platform} also ran on the ${other} node"
    }
    // the multi-arch tag in the registry joins both
    def conn = new URL("http://${labRegistry}/v2/it-builder-farm/hello/manifests/${b.substring(5)}").openConnection()
    conn.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json')
    def platforms = new JsonSlurper().parse(conn.inputStream).manifests.findAll { it.platform?.os == 'linux' }.collect { "linux/${it.platform.architecture}".toString() }
    assert platforms.sort() == ['linux/amd64', 'linux/arm64'] : "${b}: ${platforms}"
    def smoke = json("target/factory/builds/${b}/smoke.json")
    assert smoke.status == 'pass' && smoke.platforms*.platform.sort() == ['linux/amd64', 'linux/arm64'] : "${b}: ${smoke.status}"
}
// registry cache per build and architecture, and one passing record per image
def tags = new JsonSlurper().parse(new URL("http://${labRegistry}/v2/it-builder-farm/cache/tags/list")).tags
builds.each { b -> ['linux-amd64', 'linux-arm64'].each { p -> assert tags.contains("${b}-${p}".toString()) : "no cache ${b}-${p}: ${tags}" } }
def records = new File(basedir, 'target/factory/records/farm').listFiles().findAll { it.name.endsWith('.json') }.collect { new JsonSlurper().parse(it) }
assert records.size() == 4 && records.every { it.status == 'pass' } : records.collect { "${it.build} ${it.image.platform} ${it.status}" }
true
