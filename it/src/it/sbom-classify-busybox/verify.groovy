// busybox, found by its own bytes, with the version the binary prints about itself
def t = evaluate(new File(basedir, '../../../src/it/_lib/SbomClassify.groovy'))(basedir)

['busybox', 'hardlinked'].each { build ->
    def image = t.image(build)
    assert image.platforms*.status == ['built', 'built']
    image.platforms.each { p ->
        def first = t.inImage(p.ref, p.platform, ['busybox']).readLines()[0]
        def m = first =~ /^BusyBox v([0-9]+\.[0-9]+\.[0-9]+) /
        assert m.find() : "busybox printed: ${first}"
        def version = m.group(1)
        if (build == 'hardlinked') {
            // the case is real: bin/busybox and bin/[ are one file with two names
            def rows = t.inImage(p.ref, p.platform, ['ls', '-li', '/bin/busybox', '/bin/[']).readLines()*.trim()*.split(/\s+/)
            assert rows.size() == 2 && rows*.getAt(0).unique().size() == 1 && rows.every { it[2] == '2' } : rows
        }
        def sbom = t.sbom(build, p.platform)
        def components = sbom.components.findAll { it.type != 'operating-system' }
        assert components.size() == 1 : "${build} ${p.platform}: ${components*.'bom-ref'}"
        def busybox = components[0]
        assert busybox.name == 'busybox' && busybox.version == version
        assert busybox.purl == "pkg:generic/busybox@${version}".toString()
        assert busybox.cpe == "cpe:2.3:a:busybox:busybox:${version}:*:*:*:*:*:*:*".toString()
        assert t.prop(busybox, 'dev.factory:classifier') == 'busybox-binary'
        assert t.prop(busybox, 'dev.factory:cataloger') == 'binary'
        assert t.prop(busybox, 'dev.factory:path') == '/bin/busybox'
        assert t.log =~ /SBOM ${build} \(${p.platform}\): 1 components, builtin/
    }
}
true
