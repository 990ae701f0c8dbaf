// What CI checks after running this example (the repository's it module runs it with maven-invoker-plugin).
import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
assert log.contains('BUILD SUCCESS')
assert log.contains('All 20 smoke test(s) passed.')
def builds = new JsonSlurper().parse(new File(out, 'builds.json')).builds
assert builds*.build == ['hello-hello-healthcheck', 'hello-hello-stamp', 'hello-bonjour-healthcheck', 'hello-bonjour-stamp']
builds.each { b ->
    ['linux-amd64', 'linux-arm64'].each { p -> assert new File(out, "builds/${b.build}/sbom-${p}.cdx.json").isFile() }
}
assert new File(basedir, 'target/factory/records/hello').listFiles().findAll { it.name.endsWith('.json') }.size() == 8
assert new File(out, 'compatibility.md').text.contains('| bonjour | stamp | ✅ pass')
// the run ends by saying where everything is
assert log.contains('Where to look:')
true
