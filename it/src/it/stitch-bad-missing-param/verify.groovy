// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/manifests/app.yaml:5:5: fragments.app: fragment app/jar requires parameter 'jar' (Path of the jar in the project, such as target/orders-api.jar). Set it in the manifest:'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
