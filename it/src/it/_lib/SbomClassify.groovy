// Ground truth for the sbom-classify-* ITs: what the images' own programs say, next to what the SBOM says.
// Use from verify.groovy: def t = evaluate(new File(basedir, '../../../src/it/_lib/SbomClassify.groovy'))(basedir)
import groovy.json.JsonSlurper

{ File basedir ->
    def out = new File(basedir, 'target/factory')
    def t = [:]
    // [exit code, stdout, stderr] of a command, never through a shell
    t.run = { List<String> argv ->
        def p = argv.collect { it.toString() }.execute()
        def o = new StringBuilder(), e = new StringBuilder()
        p.waitForProcessOutput(o, e)
        [p.exitValue(), o.toString().trim(), e.toString().trim()]
    }
    // stdout of a command run in the image (for one platform), which must succeed
    t.inImage = { String ref, String platform, List<String> argv ->
        def r = t.run(['docker', 'run', '--rm', '--platform', platform, '--entrypoint', argv[0], ref] + argv.drop(1))
        assert r[0] == 0 : "${argv} in ${ref}: ${r}"
        r[1] + (r[2] ? '\n' + r[2] : '')
    }
    t.image = { String build -> new JsonSlurper().parse(new File(out, "builds/${build}/image.json")) }
    // the SBOM of one platform: sbom-<os>-<arch>.cdx.json when the build has several platforms, else sbom.cdx.json
    t.sbom = { String build, String platform ->
        def several = new File(out, "builds/${build}/sbom-${platform.replace('/', '-')}.cdx.json")
        def file = several.isFile() ? several : new File(out, "builds/${build}/sbom.cdx.json")
        assert file.isFile() : "no SBOM for ${build} ${platform}"
        def sbom = new JsonSlurper().parse(file)
        assert sbom.specVersion == '1.6'
        sbom
    }
    t.props = { component, String name -> (component.properties ?: []).findAll { it.name == name }*.value }
    t.prop = { component, String name ->
        def values = t.props(component, name)
        assert values.size() == 1 : "${component.name}: ${name} = ${values}"
        values[0]
    }
    // 'name version arch' of every installed package, as dpkg itself lists them inside the image
    t.dpkg = { String ref, String platform ->
        t.inImage(ref, platform, ['dpkg-query', '-W', '-f', '${db:Status-Status} ${Package} ${Version} ${Architecture}\\n'])
                .readLines().findAll { it.startsWith('installed ') }.collect { it.substring('installed '.length()) } as Set
    }
    t.debs = { sbom ->
        sbom.components.findAll { it.purl?.startsWith('pkg:deb/') }.collect { c ->
            "${c.name} ${c.version} ${t.prop(c, 'dev.factory:deb:architecture')}".toString()
        } as Set
    }
    // the SBOM of a Debian image is what dpkg lists, and a classifier adds no component for a file dpkg installed
    t.assertDpkgEquality = { sbom, String ref, String platform ->
        def truth = t.dpkg(ref, platform)
        def debs = t.debs(sbom)
        assert truth.size() > 50
        assert debs == truth : "${ref}: only in SBOM ${debs - truth}; only in dpkg ${truth - debs}"
        def classified = sbom.components.findAll { t.props(it, 'dev.factory:cataloger').any { it in ['binary', 'jvm'] } }
        classified.each { c ->
            t.props(c, 'dev.factory:path').each { path ->
                def owner = t.run(['docker', 'run', '--rm', '--platform', platform, '--entrypoint', 'dpkg', ref, '-S', path])
                assert owner[0] != 0 : "${c.purl} is a component of its own, but dpkg installed ${path}: ${owner[1]}"
            }
        }
    }
    t.log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[0-9;]*m', '')
    assert !t.log.contains('Exception') && !(t.log =~ /(?m)^\s+at [a-z]/) : 'no exception or stack trace in the log'
    t
}
