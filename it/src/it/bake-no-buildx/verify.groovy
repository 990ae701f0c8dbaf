def log = new File(basedir, 'build.log').text
def docker = new File(basedir, 'docker-without-plugins').canonicalPath
// the engine answered (so this is about buildx, not the daemon) and the CLI's own words are quoted
assert log.contains("docker buildx is missing: '${docker} buildx version' failed (docker: ") : 'not the missing-buildx message'
assert log.contains('Install the buildx plugin, version 0.13 or newer (Debian: the docker-buildx package; elsewhere docs.docker.com/build/install-buildx), then run again.')
assert !log.contains('The Docker engine does not answer')
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
assert !new File(basedir, 'target/factory/docker-bake.json').exists() : 'a bake file was written without buildx'
assert !new File(basedir, 'target/factory/builds/nobuildx/image.json').exists()
true
