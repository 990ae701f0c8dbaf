// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/plans/jres.yaml:3:3: axes.core.versoin: axis 'core.versoin' names parameter 'versoin', which fragment core/jre does not have (did you mean 'version'?). Its parameters: version.'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
