// Python, Node.js and Go, versions read from the binaries, checked against what the programs and Debian say
def t = evaluate(new File(basedir, '../../../src/it/_lib/SbomClassify.groovy'))(basedir)

def debian = t.image('debian-runtimes').platforms[0]
assert debian.status == 'built'
def amd64 = debian.platform

// ground truth, from the real programs in the Debian image
def python = (t.inImage(debian.ref, amd64, ['python3', '--version']) =~ /^Python (\S+)$/)[0][1]
def node = (t.inImage(debian.ref, amd64, ['node', '--version']) =~ /^v(\S+)$/)[0][1]
def builtUsing = t.inImage(debian.ref, amd64, ['dpkg-query', '-W', '-f', '${Built-Using}', 'docker-registry'])
def go = (builtUsing =~ /golang-1\.[0-9]+ \(= ([0-9.]+)-[^)]*\)/)[0][1]
def libnode = t.inImage(debian.ref, amd64, ['sh', '-c', 'readlink -f /usr/lib/*/libnode.so.*'])

// in the Debian image: exactly dpkg's packages; each finding sits on the package that installed the file
def sbom = t.sbom('debian-runtimes', amd64)
t.assertDpkgEquality(sbom, debian.ref, amd64)
assert !sbom.components.any { it.purl?.startsWith('pkg:generic/') || it.purl?.startsWith('pkg:golang/') } : 'a dpkg-owned file became a component'
def classified = { String path ->
    def owner = t.inImage(debian.ref, amd64, ['dpkg', '-S', path]).split(':')[0]
    def deb = sbom.components.find { it.purl?.startsWith('pkg:deb/') && it.name == owner }
    assert deb != null : "no component for ${owner} (${path})"
    [deb, t.props(deb, 'dev.factory:classified')]
}
def (pythonDeb, pythonFound) = classified('/usr/bin/python3.11')
assert pythonFound == ["pkg:generic/python@${python} /usr/bin/python3.11".toString()]
assert t.props(pythonDeb, 'dev.factory:classifier') == ['python-binary']
def (nodeDeb, nodeFound) = classified(libnode)
assert nodeFound == ["pkg:generic/node@${node} ${libnode}".toString()]
assert t.props(nodeDeb, 'dev.factory:classifier') == ['node-binary-lib']
def (registryDeb, registryFound) = classified('/usr/bin/docker-registry')
assert registryFound == ["pkg:golang/stdlib@${go} /usr/bin/docker-registry".toString()]
assert t.props(registryDeb, 'dev.factory:go:main-package') == ['github.com/docker/distribution/cmd/registry']

// copied into busybox, where nothing lists them: components of their own, the same versions
def copied = t.image('copied-runtimes').platforms[0]
assert copied.status == 'built'
def copiedSbom = t.sbom('copied-runtimes', copied.platform)
def byPurl = copiedSbom.components.findAll { it.purl }.collectEntries { [it.purl, it] }
def busyboxVersion = (t.inImage(copied.ref, copied.platform, ['busybox']) =~ /BusyBox v([0-9.]+) /)[0][1]
def libnodeName = libnode.substring(libnode.lastIndexOf('/') + 1)
def expected = [
        ("pkg:generic/busybox@${busyboxVersion}".toString()): ['busybox-binary', '/bin/busybox', "cpe:2.3:a:busybox:busybox:${busyboxVersion}:*:*:*:*:*:*:*"],
        ("pkg:generic/python@${python}".toString()): ['python-binary', '/opt/runtimes/python3.11', "cpe:2.3:a:python_software_foundation:python:${python}:*:*:*:*:*:*:*"],
        ("pkg:generic/node@${node}".toString()): ['node-binary-lib', "/opt/runtimes/${libnodeName}", "cpe:2.3:a:nodejs:node.js:${node}:*:*:*:*:*:*:*"],
        ("pkg:golang/stdlib@${go}".toString()): ['go-buildinfo', '/opt/runtimes/docker-registry', "cpe:2.3:a:golang:go:${go}:-:*:*:*:*:*:*"],
]
assert byPurl.keySet() == expected.keySet() : "components: ${byPurl.keySet()}"
expected.each { purl, e ->
    def c = byPurl[purl]
    assert t.prop(c, 'dev.factory:classifier') == e[0]
    assert t.props(c, 'dev.factory:path') == [e[1]]
    assert c.cpe == e[2].toString()
}
// the files are really there (the node stub, which holds no version, gives nothing)
t.inImage(copied.ref, copied.platform, ['ls', '/opt/runtimes/python3.11', '/opt/runtimes/node', "/opt/runtimes/${libnodeName}".toString(), '/opt/runtimes/docker-registry'])
true
