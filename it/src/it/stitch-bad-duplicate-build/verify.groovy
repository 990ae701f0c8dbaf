// Bad input fails the build with one clear message, no stack trace, and no outputs left behind (_lib/BadStitch.groovy).
def expected = '''src/main/factory/plans/bases.yaml:2:1: two variants have the same build id 'app-busybox-1.35': plan bases {base=busybox:1.35} (src/main/factory/plans/bases.yaml) and plan bases {base=BusyBox:1.35} (src/main/factory/plans/bases.yaml).'''
evaluate(new File(basedir, '../../../src/it/_lib/BadStitch.groovy'))(basedir, expected)
