// the clone of this project may have lost the executable bit
assert new File(basedir, 'docker-without-plugins').setExecutable(true)
def probe = ['unshare', '--mount', 'true'].execute(); probe.waitFor()
assert probe.exitValue() == 0 : 'This IT needs root and unshare (util-linux) to hide the buildx plugin from a real docker CLI.'
true
