// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/manifests/app.yaml:5:11: YAML syntax error: mapping values are not allowed here. Fix the YAML at that position (indentation, a missing ':' or an unclosed quote are the usual causes).'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
