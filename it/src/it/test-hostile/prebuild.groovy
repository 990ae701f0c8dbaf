// A 20 MiB container-structure-test file (not kept in git), and evidence files of an earlier run in each build
// folder: stitch carries them along, and no failing factory:test may write or change them.
def hostile = evaluate(new File(basedir, '../../../src/it/_lib/Hostile.groovy'))
def f = new File(basedir, 'src/test/cst/huge.yaml')
f.parentFile.mkdirs()
f.withWriter('UTF-8') { w ->
    w << 'schemaVersion: 2.0.0\ncommandTests:\n  - name: "'
    def mib = 'a' * (1024 * 1024)
    20.times { w << mib }
    w << '"\n    command: echo\n'
}
hostile.seed(basedir, ['name', 'huge-cst', 'backref', 'motd'].collectEntries {
    ["target/factory/builds/${it}/smoke.json".toString(), '{"seeded": "an earlier run\'s result; a failed factory:test leaves it alone"}\n']
})
true
