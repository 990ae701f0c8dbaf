def log = new File(basedir, 'build.log').text
assert log.contains("Docker is not installed: '/opt/no-such-docker/bin/docker' cannot be found (not on the PATH, or no such file). Factory drives the docker CLI with its buildx plugin; install Docker Engine 26 or newer with buildx 0.13 or newer")
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
true
