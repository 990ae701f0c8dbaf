// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/manifests/app.yaml:3:1: platfroms: unknown key 'platfroms' in manifest. Did you mean 'platforms'? Valid keys: id, description, base, template, image, tags, platforms, pool, fragments, context, labels, buildArgs, tests.'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
