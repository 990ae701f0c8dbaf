// The arm64 node is down: Factory said so within 5 s of the bake's start, naming the node, baked the amd64 targets on
// the live node, loaded them through the client, tested and recorded them, and failed the build at the end.
import groovy.json.JsonSlurper
import java.time.LocalTime
try {
    def log = new File(basedir, 'build.log').text
    def json = { String path -> new JsonSlurper().parse(new File(basedir, path)) }
    def port = new File(basedir, 'down-port.txt').text.trim()
    def down = "node it-down-arm64 (tcp://127.0.0.1:${port}) of builder it-farm-down is inactive: it does not answer."
    def warning = log =~ /(?m)^(\d\d:\d\d:\d\d\.\d{3}) \[WARNING\] Not baking the linux\/arm64 targets: (.*)$/
    assert warning.find() : 'no warning about the down node'
    assert warning.group(2).startsWith(down) : warning.group(2)
    def start = log =~ /(?m)^(\d\d:\d\d:\d\d\.\d{3}) \[INFO\] --- factory:[^:]+:bake /
    assert start.find()
    def seconds = java.time.Duration.between(LocalTime.parse(start.group(1)), LocalTime.parse(warning.group(1))).toMillis() / 1000.0
    assert seconds < 5 : "the down node was reported ${seconds} s after the bake started"

    ['farm-hello', 'farm-salut'].each { b ->
        def image = json("target/factory/builds/${b}/image.json")
        def amd64 = image.platforms.find { it.platform == 'linux/amd64' }
        def arm64 = image.platforms.find { it.platform == 'linux/arm64' }
        assert amd64.status == 'built' && amd64.built_by == 'it-farm-down/it-down-amd64' : "${b} amd64: ${amd64}"
        assert arm64.status == 'failed' && arm64.error.startsWith(down) : "${b} arm64: ${arm64}"
        // loaded through the client: the engine has the image the node reported
        def p = ['docker', 'image', 'inspect', '--format', '{{.Id}}', amd64.ref].execute(); def id = p.text.trim(); p.waitFor()
        assert id == amd64.digest : "${amd64.ref}: engine ${id}, builder ${amd64.digest}"
        def smoke = json("target/factory/builds/${b}/smoke.json")
        assert smoke.platforms.find { it.platform == 'linux/amd64' }.status == 'pass'
    }
    // nothing built was lost: the amd64 images have passing records, the arm64 ones error records
    def records = new File(basedir, 'target/factory/records/farm').listFiles().findAll { it.name.endsWith('.json') }.collect { new JsonSlurper().parse(it) }
    assert records.findAll { it.image.platform == 'linux/amd64' }*.status == ['pass', 'pass']
    assert records.findAll { it.image.platform == 'linux/arm64' }*.status == ['error', 'error']
    assert log.contains('2 variant(s) of this build did not pass')
    assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
} finally {
    def pb = new ProcessBuilder(['docker', 'buildx', 'rm', 'it-farm-down']).redirectErrorStream(true)
    pb.environment().put('DOCKER_CONFIG', dockerConfig)
    def p = pb.start(); p.inputStream.text; p.waitFor()
}
true
