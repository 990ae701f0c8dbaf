// After one stitch, factory:test once per case: its exact message, no stack trace, no container started, within 2 s
// (the size case) or 5 s; and nothing written under target/factory but stitch's own files and the seeded evidence.
def hostile = evaluate(new File(basedir, '../../../src/it/_lib/Hostile.groovy'))
def cases = [
    // a test name that would forge a line of the build log and the evidence
    ["src/main/factory/manifests/name.yaml:7:13: tests.commandTests[0].name: the test name holds a line feed (LF, U+000A) as character 5; test names are printed in the build log, the evidence and the JUnit reports, where a line break would start a line of its own (a forged result line). Write it on one line without control characters (TAB is allowed).", 5000],
    // a container-structure-test file of 20 MiB
    ["src/test/cst/huge.yaml: the file is 20.0 MiB (20971586 bytes), more than the 1.0 MiB (1048576 bytes) Factory reads from one input file. Manifests, plans, fragments, templates and test files are a few kilobytes; if this one really must be larger, raise the limit with -Dfactory.maxInputSize=32MiB (or <factory.maxInputSize> in the pom's properties).", 2000],
    // a backreference: java.util.regex has them, Go's RE2 (container-structure-test) has not
    ["src/main/factory/manifests/backref.yaml:10:24: tests.commandTests[0].expectedOutput[0]: invalid regular expression '(hello) \\1' in test 'twice': invalid escape sequence: `\\1`. Java's regular expressions accept it, but container-structure-test matches with Go's RE2 syntax, and so does Factory (RE2/J): RE2 has no backreferences (\\1), no lookaround ((?=, (?!, (?<=, (?<!), no possessive quantifiers (a++) and no atomic groups; rewrite the pattern without them (a negative lookahead is often an excludedOutput pattern).", 5000],
    // a fragment's tests.yaml that places a multi-line value as it is
    ["src/main/factory/fragments/core/motd/tests.yaml:5:25: \${params.text} inserts a value that holds a line feed (LF, U+000A) as character 9; a line break there would end the line and start a new one (in a Dockerfile, a new instruction). Keep the value on one line, quote it onto one line with \$json.quote(...), or place a multi-line value as a file with \$heredoc.copy(value, \"/path/in/image\") (see docs/fragments.md).", 5000],
]
def parts = hostile.invocations(basedir)
assert parts.size() == cases.size() + 1 : "${parts.size()} invocations in build.log, 1 stitch + ${cases.size()} cases"
assert parts[0].contains('BUILD SUCCESS')
cases.eachWithIndex { c, i ->
    hostile.failed(parts[i + 1], 'Reading the tests of', c[0], c[1])
    assert !parts[i + 1].contains('dev.factory.run=') : 'a container was started before the specs were checked'
}
def builds = ['name', 'huge-cst', 'backref', 'motd']
def seeds = builds.collectEntries {
    ["target/factory/builds/${it}/smoke.json".toString(), '{"seeded": "an earlier run\'s result; a failed factory:test leaves it alone"}\n']
}
def stitched = ['builds.json'] + builds.collectMany { b -> ['Dockerfile', 'Dockerfile.dockerignore', 'stitch.json'].collect { "builds/${b}/${it}".toString() } }
hostile.unchanged(basedir, seeds, stitched)
assert !new File(basedir, 'target/failsafe-reports').exists() : 'JUnit reports were written'
true
