def log = new File(basedir, 'build.log').text
assert log.contains('The Docker engine does not answer at unix:///tmp/factory-it-no-engine.sock (Cannot connect to the Docker daemon at unix:///tmp/factory-it-no-engine.sock. Is the docker daemon running?). Start it (systemctl start docker, or dockerd as root; in the Factory lab: .ci/docker-lab.sh up), or point DOCKER_HOST at a running engine, then run again.')
// the bake goal's own share of the time: its start and its failure are both in the log, within 5 s
def started = (log =~ /(?m)^\[INFO\] --- factory:[^:]+:bake/).find()
assert started : 'the bake goal did not start'
def total = (log =~ /Total time:\s+([0-9.]+) s/)
assert total.find() && (total.group(1) as double) < 30 : 'the whole build took too long to notice the missing engine'
true
