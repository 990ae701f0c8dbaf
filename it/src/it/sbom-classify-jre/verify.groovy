// A JRE that dpkg installed: one component (the Debian package), carrying what its release file says
def t = evaluate(new File(basedir, '../../../src/it/_lib/SbomClassify.groovy'))(basedir)

def image = t.image('jre')
image.platforms.each { p ->
    assert p.status == 'built' : p
    def sbom = t.sbom('jre', p.platform)
    t.assertDpkgEquality(sbom, p.ref, p.platform)

    // the image's own release file, found where Debian's openjdk packages put it
    def home = t.inImage(p.ref, p.platform, ['sh', '-c', 'dirname "$(dirname "$(readlink -f "$(command -v java)")")"'])
    def release = t.inImage(p.ref, p.platform, ['cat', "${home}/release".toString()]).readLines()
            .findAll { it.contains('=') }.collectEntries { l -> def kv = l.split('=', 2); [kv[0], kv[1].replaceAll(/^"|"$/, '')] }
    def javaVersion = t.inImage(p.ref, p.platform, ['java', '-version'])
    assert javaVersion.contains("version \"${release.JAVA_VERSION}\"") : javaVersion
    assert javaVersion.contains("(build ${release.JAVA_RUNTIME_VERSION})") : javaVersion

    def owner = t.inImage(p.ref, p.platform, ['dpkg', '-S', "${home}/release".toString()]).split(':')[0]
    def jre = sbom.components.find { it.purl?.startsWith('pkg:deb/') && it.name == owner }
    assert jre != null : "no component for ${owner}"
    assert t.prop(jre, 'dev.factory:classifier') == 'jvm-release'
    assert t.prop(jre, 'dev.factory:jvm:java-version') == release.JAVA_VERSION
    assert t.prop(jre, 'dev.factory:jvm:runtime-version') == release.JAVA_RUNTIME_VERSION
    assert t.prop(jre, 'dev.factory:jvm:implementor') == release.IMPLEMENTOR
    def encoded = release.JAVA_RUNTIME_VERSION.replace('+', '%2B')
    assert t.prop(jre, 'dev.factory:classified') == "pkg:generic/oracle/openjdk@${encoded} ${home}/release".toString()
    // and no second component for the same JVM
    assert !sbom.components.any { it.purl?.startsWith('pkg:generic/') } : sbom.components.findAll { it.purl?.startsWith('pkg:generic/') }*.purl
}

// plain Debian 12 on both architectures (arm64 under QEMU): still exactly what dpkg lists, nothing classified beside it
def debian = t.image('debian')
assert debian.platforms*.platform == ['linux/amd64', 'linux/arm64'] && debian.platforms*.status == ['built', 'built']
debian.platforms.each { p ->
    def sbom = t.sbom('debian', p.platform)
    t.assertDpkgEquality(sbom, p.ref, p.platform)
    def arch = p.platform.split('/')[1]
    assert t.debs(sbom).any { it.endsWith(" ${arch}") } : "${p.platform}: no ${arch} package"
    assert sbom.components.every { it.type == 'operating-system' || it.purl?.startsWith('pkg:deb/') } : sbom.components*.'bom-ref'
}
true
