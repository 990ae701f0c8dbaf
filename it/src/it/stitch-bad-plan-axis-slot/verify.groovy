// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/plans/jres.yaml:3:3: axes.cor.version: axis 'cor.version' names no slot (did you mean 'core'?).'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
