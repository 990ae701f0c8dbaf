def log = new File(basedir, 'build.log').text
def old = new File(basedir, 'target/old-buildx-version.txt').text
assert old.startsWith('0.12.')
assert log.contains("docker buildx ${old} is too old: Factory needs 0.13 or newer (bake metadata files and registry cache). Upgrade the buildx plugin, then run again.")
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
assert !new File(basedir, 'target/factory/docker-bake.json').exists() : 'a bake file was written for a buildx that is too old'
true
