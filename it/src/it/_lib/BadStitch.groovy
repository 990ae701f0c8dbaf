// What every bad-input IT of factory:stitch checks: the build failed with the one clear message (expected),
// no stack trace reached the user, no unexpected exception escaped the plugin, and no output was left behind.
// Use from verify.groovy: evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
{ File basedir, String expected ->
    def log = new File(basedir, 'build.log').text
    assert log.contains(expected) : "build.log lacks the expected error:\n${expected}"
    assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
    assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
    assert !new File(basedir, 'target/factory/builds').exists() : 'a failed stitch left builds behind'
    assert !new File(basedir, 'target/factory/builds.json').exists() : 'a failed stitch left builds.json behind'
    true
}
