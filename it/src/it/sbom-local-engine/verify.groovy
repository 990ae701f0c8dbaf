import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
def out = new File(basedir, 'target/factory')
def image = new JsonSlurper().parse(new File(out, 'builds/engine/image.json'))
assert image.pushed == false : 'the image must only be in the engine for this case'
assert image.platforms*.status == ['built', 'built']

// the final filesystem, as the engine flattens it: status rewritten and status.d/gone deleted by the second layer
[['linux/amd64', 'x86_64'], ['linux/arm64', 'aarch64']].each { platform, arch ->
    def file = new File(out, "builds/engine/sbom-${platform.replace('/', '-')}.cdx.json")
    assert file.isFile() : "no SBOM for ${platform}"
    // the dpkg package, and the base's busybox, which the binary classifier finds (no package manager lists it)
    assert log =~ /SBOM engine \(${platform}\): 2 components, builtin, [0-9.]+ s -> ${java.util.regex.Pattern.quote(file.canonicalPath)}/
    def sbom = new JsonSlurper().parse(file)
    assert sbom.specVersion == '1.6'
    def debs = sbom.components.findAll { it.purl?.startsWith('pkg:deb/') }*.purl
    assert debs == ["pkg:deb/debian/greeter@1.0?arch=${arch}".toString()] : "${platform}: ${debs}"
    def others = sbom.components.findAll { !it.purl?.startsWith('pkg:deb/') }*.purl
    assert others == ['pkg:generic/busybox@1.35.0'] : "${platform}: ${others}"
}

// the export's container is always removed, and nothing is spooled to disk
def p = ['docker', 'ps', '-aq', '--filter', 'name=^factory-sbom-'].execute()
def ids = new StringBuilder()
p.waitForProcessOutput(ids, new StringBuilder())
assert ids.toString().trim().isEmpty() : "SBOM export containers were left behind: ${ids}"
def spooled = []
out.eachFileRecurse { if (it.name.startsWith('factory-save-')) spooled << it }
assert spooled.isEmpty() : "temporary files left: ${spooled}"
assert !log.contains('Exception') && !log.contains('\tat ') : 'no exception or stack trace in the log'
true
