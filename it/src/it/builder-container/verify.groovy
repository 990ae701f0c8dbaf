// The quickstart on a docker-container builder: loaded into the engine with the local cache, then with a registry
// cache. Both runs built, tested and recorded every variant on both platforms.
import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def json = { String path -> new JsonSlurper().parse(new File(basedir, path)) }
def builder = System.getenv('FACTORY_LAB_CONTAINER_BUILDER')

// Factory saw the builder for what it is (and asked no containerd store of the engine)
assert log.count("Builder ${builder} (driver docker-container: ${builder}-${toolchain} ".toString()) == 2 : 'the builder probe is not in the log'
assert log.count('All 20 smoke test(s) passed.') == 2

// 1. local cache in a folder outside the project: the entitlement for exactly that folder, where buildx checks them
def cache = new File(basedir, '../builder-container-xdg-cache/factory/bake').canonicalFile
def builds = json('target/factory/builds.json').builds*.build
assert builds.size() == 4
builds.each { b -> ['linux-amd64', 'linux-arm64'].each { p ->
    assert new File(cache, "${b}-${p}/index.json").isFile() : "no local cache written for ${b} ${p}"
} }
def allow = "Filesystem entitlements for bake (paths outside the project): --allow=fs=${cache}"
if (toolchain == 'current') {
    assert log.contains(allow) : 'the local cache was not allowed by its path'
} else {
    assert !log.contains('Filesystem entitlements') : 'buildx 0.13 has no --allow for bake'
}
assert !log.contains('BUILDX_BAKE_ENTITLEMENTS_FS') && !log.contains('additional privileges requested')
// the bake file is portable: paths relative to the project
def bake = json('target/factory/docker-bake.json')
bake.target.each { name, t -> assert t.context == '.' && t.dockerfile.startsWith('target/factory/builds/') : "${name}: ${t.context} ${t.dockerfile}" }
// loaded into the engine: the image there is the one the builder reported
builds.each { b ->
    json("target/factory/builds/${b}/image.json").platforms.each { p ->
        def p2 = ['docker', 'image', 'inspect', '--format', '{{.Id}}', p.ref].execute(); def id = p2.text.trim(); p2.waitFor()
        assert id == p.digest : "${p.ref}: the engine has ${id}, the builder reported ${p.digest}"
        assert p.built_by == "${builder}/${builder}-${toolchain}" : "${b} ${p.platform} built by ${p.built_by}"
    }
}

// 2. a registry cache per build and architecture, written from the docker-container builder
def second = log.substring(log.lastIndexOf('Baking 8 target(s)'))
assert second.contains('cache registry localhost:5000/it-builder-container/cache:<build>-<os>-<arch>')
def tags = new JsonSlurper().parse(new URL("http://${labRegistry}/v2/it-builder-container/cache/tags/list")).tags
builds.each { b -> ['linux-amd64', 'linux-arm64'].each { p -> assert tags.contains("${b}-${p}".toString()) : "no registry cache ${b}-${p}: ${tags}" } }
assert !second.contains('was not written to') : 'a cache export failed'
assert new File(basedir, 'target/factory-registry-cache/records/hello').listFiles().findAll { it.name.endsWith('.json') }.size() == 8
true
