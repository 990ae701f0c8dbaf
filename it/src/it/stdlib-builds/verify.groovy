import groovy.json.JsonSlurper

def out = new File(basedir, 'target/factory')
def builds = new JsonSlurper().parse(new File(out, 'builds.json')).builds
assert builds*.build == ['jre-service-debian-bookworm-slim-17', 'jre-service-debian-trixie-slim-21', 'plain-debian', 'python-debug', 'python-smoke']
// every fragment and template of the standard library is in use
def used = builds.collectMany { b -> b.fragments.findAll { it.source != 'project' }.collect { "${it.slot}/${it.name}".toString() } } as Set
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
}
[['jre-service-debian-bookworm-slim-17', '17'], ['jre-service-debian-trixie-slim-21', '21']].each { build, v ->
    def r = run(['docker', 'run', '--rm', '--entrypoint', 'java', "localhost:5000/it/jre-service:${build - 'jre-service-'}".toString(), '-version'])
    assert r[0] == 0 && r[2].contains("openjdk version \"${v}") : "${build}: ${r}"
}
assert run(['docker', 'run', '--rm', '--entrypoint', 'id', 'localhost:5000/it/jre-service:debian-bookworm-slim-17', '-un'])[1] == 'app'

// factory:test ran every fragment's shipped tests (and the manifest's service test) and all passed
builds.each { b ->
    def smoke = new JsonSlurper().parse(new File(out, "builds/${b.build}/smoke.json"))
    assert smoke.status == 'pass' : "${b.build}: ${smoke}"
    assert smoke.tests.total > 0 && smoke.tests.failed == 0 && smoke.tests.errors == 0 : "${b.build}: ${smoke}"
    assert new File(out, "builds/${b.build}/smoke-report.xml").text.contains('<testsuite')
    assert new File(out, "builds/${b.build}/evidence.log").length() > 0
    assert new File(basedir, "target/failsafe-reports/TEST-factory.${b.build}.linux-amd64.xml").isFile() : 'reports are where CI looks'
    def left = run(['docker', 'ps', '-aq', '--filter', "label=dev.factory.run=${smoke.run}".toString()])
    assert left[1].isEmpty() : "containers of run ${smoke.run} were left behind"
}
def evidence = new File(out, 'builds/jre-service-debian-bookworm-slim-17/evidence.log').text
['jre 17 runs', 'the service answers on /health', 'healthcheck'].each { assert evidence.contains(it) : "no evidence of ${it}" }

// the built-in SBOM equals dpkg's own view inside the image, and names the service jar with its purl
def dpkg = { String ref ->
    def r = run(['docker', 'run', '--rm', '--entrypoint', 'dpkg-query', ref, '-W', '-f', '${db:Status-Status} ${Package} ${Version} ${Architecture}\\n'])
    assert r[0] == 0 : r
    r[1].readLines().findAll { it.startsWith('installed ') }.collect { it.substring('installed '.length()) } as Set
}
['plain-debian', 'jre-service-debian-bookworm-slim-17', 'python-debug'].each { build ->
    def image = new JsonSlurper().parse(new File(out, "builds/${build}/image.json"))
    def sbomFile = new File(out, "builds/${build}/sbom.cdx.json")
    assert sbomFile.isFile() : "no SBOM for ${build}"
    def sbom = new JsonSlurper().parse(sbomFile)
    assert sbom.specVersion == '1.6'
    assert sbom.metadata.component.type == 'container'
    assert sbom.metadata.component.version == image.platforms[0].digest : 'the SBOM names the image digest'
    def debs = sbom.components.findAll { it.purl?.startsWith('pkg:deb/') }.collect { c ->
        def arch = c.properties.find { it.name == 'dev.factory:deb:architecture' }?.value
        "${c.name} ${c.version} ${arch}".toString()
    } as Set
    def truth = dpkg(image.platforms[0].ref)
    assert truth.size() > 50
    assert debs == truth : "${build}: only in SBOM ${debs - truth}; only in dpkg ${truth - debs}"
}
def jreSbom = new JsonSlurper().parse(new File(out, 'builds/jre-service-debian-bookworm-slim-17/sbom.cdx.json'))
assert jreSbom.components.any { it.purl == 'pkg:maven/dev.factory.it/stdlib-builds@1.0' } : 'the application jar has no maven purl'
true
