// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''No manifests found in src/main/factory/manifests: Factory looks for *.yaml files there. Add a manifest (see docs/manifest.md for a complete example), or point factory.manifests at the folder that holds yours.'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
