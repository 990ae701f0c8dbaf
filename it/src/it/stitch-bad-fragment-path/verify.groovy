// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/manifests/app.yaml:4:9: fragments.core: invalid fragment name '../../../etc/passwd'. A fragment is named, not located: use its bare name'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
