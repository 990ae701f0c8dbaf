// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/manifests/app.yaml:4:9: fragments.core: fragment 'healthcheck' is a light fragment and cannot fill slot core. Move it under fragments.light, or choose a core fragment: jre, python.'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
