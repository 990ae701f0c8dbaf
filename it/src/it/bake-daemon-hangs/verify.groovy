import java.time.Duration
import java.time.LocalTime

try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('The Docker engine does not answer at unix:///tmp/factory-it-hung-engine.sock (no answer within 4 s). Start it '
            + '(systemctl start docker, or dockerd as root; in the Factory lab: .ci/docker-lab.sh up), or point DOCKER_HOST at a running engine, then run again.')
    assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
    // from the bake goal's start to the build's failure: within 5 s
    def at = { String pattern -> def m = (log =~ /(?m)^(\d\d:\d\d:\d\d\.\d\d\d) \[INFO\] ${pattern}/); assert m.find() : "no line ${pattern}"; LocalTime.parse(m.group(1)) }
    def took = Duration.between(at('--- factory:[^:]+:bake'), at('BUILD FAILURE'))
    println "bake gave up after ${took.toMillis()} ms"
    assert took.toMillis() <= 5000 : "the bake goal took ${took.toMillis()} ms to give up on a silent engine"
} finally {
    System.properties.remove('factory.it.hungEngine')?.close()
    new File('/tmp/factory-it-hung-engine.sock').delete()
}
true
