// What every bad-input IT of factory:sbom checks once its own message is asserted: no stack trace reached the
// user, no unexpected exception escaped the plugin, and nothing was written (no SBOM, no spooled image export).
// Use from verify.groovy: evaluate(new File(basedir, '../../../src/it/_lib/BadSbom.groovy'))(basedir)
{ File basedir ->
    def log = new File(basedir, 'build.log').text
    assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
    assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
    def left = []
    new File(basedir, 'target/factory').eachFileRecurse { if (it.name.endsWith('.cdx.json') || it.name.startsWith('factory-save-')) left << it }
    assert left.isEmpty() : "files left behind: ${left}"
    true
}
