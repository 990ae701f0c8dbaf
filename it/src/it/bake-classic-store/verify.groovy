import groovy.json.JsonSlurper
// both invocations write into build.log, one after the other
def log = new File(basedir, 'build.log').text
def parts = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/)
assert parts.length == 3 : 'expected two Maven runs in build.log'
def refused = parts[1], plain = parts[2]

assert refused.contains('Cache export (factory.cache=local) needs the containerd image store when buildx uses the engine\'s own builder '
        + '(driver \'docker\'), and this engine stores images the classic way. Either turn the store on: add '
        + '{"features": {"containerd-snapshotter": true}} to /etc/docker/daemon.json and restart dockerd; or create a builder '
        + 'that has its own store: docker buildx create --name factory --driver docker-container, then run with '
        + '-Dfactory.builder=factory. To build without cache instead: -Dfactory.cache=none.')
assert !(refused =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
assert !refused.contains('[bake] ') : 'buildx ran although the exporter was known to be missing'

// the second run, without cache, builds on the same classic engine
assert plain.contains('cache none')
def image = new JsonSlurper().parse(new File(basedir, 'target/factory/builds/classic/image.json'))
assert image.platforms*.status == ['built']
def host = 'unix:///run/factory-lab/classic.sock'
def run = { List<String> argv -> def p = argv.execute(); def o = new StringBuilder(); def e = new StringBuilder(); p.waitForProcessOutput(o, e); [p.exitValue(), o.toString().trim(), e.toString().trim()] }
try {
    def (code, out, err) = run(['docker', '-H', host, 'run', '--rm', 'factory-it/classic:latest', 'cat', '/greeting'])
    assert code == 0 : err
    assert out == 'classic from x86_64'
    def main = run(['docker', 'image', 'inspect', 'factory-it/classic:latest'])
    assert main[0] != 0 : 'the image went to the main engine, not to DOCKER_HOST'
} finally {
    run(['docker', '-H', host, 'image', 'rm', '-f', 'factory-it/classic:latest', 'factory-it/classic:latest-linux-amd64'])
}
true
