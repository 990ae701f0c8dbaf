import groovy.json.JsonSlurper

def out = new File(basedir, 'target/factory')
def builds = new JsonSlurper().parse(new File(out, 'builds.json')).builds
assert builds*.build == ['jre-service-debian-bookworm-slim-17', 'jre-service-debian-trixie-slim-21', 'python-debug', 'python-smoke']
// every fragment and template of the standard library is in use
def used = builds.collectMany { b -> b.fragments.collect { "${it.slot}/${it.name}".toString() } } as Set
assert used == ['security/debian-baseline', 'core/jre', 'light/healthcheck', 'app/jar', 'core/python', 'light/debug-tools'] as Set
assert (builds*.template as Set) == ['layered', 'core_smoke'] as Set

def run(List<String> argv) {
    def p = argv.execute()
    def o = new StringBuilder(), e = new StringBuilder()
    p.waitForProcessOutput(o, e)
    [p.exitValue(), o.toString().trim(), e.toString().trim()]
}
// each image was built for real and does what its fragments promise
builds.each { b ->
    def image = new JsonSlurper().parse(new File(out, "builds/${b.build}/image.json"))
    assert image.platforms.size() == 1 && image.platforms[0].status == 'built' : "${b.build}: ${image.platforms}"
    assert run(['docker', 'image', 'inspect', image.platforms[0].ref])[0] == 0
}
[['jre-service-debian-bookworm-slim-17', '17'], ['jre-service-debian-trixie-slim-21', '21']].each { build, v ->
    def r = run(['docker', 'run', '--rm', '--entrypoint', 'java', "localhost:5000/it/jre-service:${build - 'jre-service-'}".toString(), '-version'])
    assert r[0] == 0 && r[2].contains("openjdk version \"${v}") : "${build}: ${r}"
}
def user = run(['docker', 'run', '--rm', '--entrypoint', 'id', 'localhost:5000/it/jre-service:debian-bookworm-slim-17', '-un'])
assert user[1] == 'app' : "app/jar runs as the baseline's non-root user, not ${user}"
assert run(['docker', 'run', '--rm', 'localhost:5000/it/python-debug:latest', 'ps', '-p', '1'])[0] == 0
assert run(['docker', 'run', '--rm', 'localhost:5000/it/python-smoke:latest', 'python3', '--version'])[1].startsWith('Python 3.11')
true
