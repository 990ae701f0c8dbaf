// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/manifests/app.yaml:4:9: fragments.core: unknown fragment 'jer' for slot core (did you mean 'jre'?). Fragments for core: jre, python (looked up in project, factory-fragments-'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
