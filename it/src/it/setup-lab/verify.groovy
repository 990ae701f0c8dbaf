// The lab the ITs need, checked once before any of them runs; each failure says what to do.
def fix = 'Start the lab: as root run .ci/docker-lab.sh up, then eval "$(.ci/docker-lab.sh env)".'

def run(List<String> argv) {
    def p = argv.execute()
    def out = new StringBuilder(), err = new StringBuilder()
    p.consumeProcessOutput(out, err)
    if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) { p.destroyForcibly(); return [124, '', 'timed out'] }
    [p.exitValue(), out.toString().trim(), err.toString().trim()]
}

def docker
try { docker = run(['docker', 'version', '--format', '{{.Server.Version}}']) }
catch (IOException e) { throw new AssertionError("No docker command on the PATH. ${fix}") }
assert docker[0] == 0 : "The Docker engine does not answer (${docker[2]}). ${fix}"
println "lab: docker engine ${docker[1]}"

def buildx = run(['docker', 'buildx', 'version'])
assert buildx[0] == 0 : "docker buildx is missing (${buildx[2]}). ${fix}"
println "lab: ${buildx[1]} (DOCKER_CONFIG ${dockerConfig})"

// today's toolchain and the builders users create: a BuildKit farm (remote driver) and a docker-container builder
['FACTORY_LAB_FARM', 'FACTORY_LAB_CONTAINER_BUILDER', 'FACTORY_LAB_BUILDCTL', 'FACTORY_LAB_COSIGN'].each {
    assert System.getenv(it) : "${it} is not set: the lab's current toolchain is missing. ${fix}"
}
[System.getenv('FACTORY_LAB_FARM'), System.getenv('FACTORY_LAB_CONTAINER_BUILDER')].each { name ->
    def pb = new ProcessBuilder('docker', 'buildx', 'inspect', name).redirectErrorStream(true)
    pb.environment().put('DOCKER_CONFIG', dockerConfig)
    def p = pb.start(); def out = p.inputStream.text; p.waitFor()
    assert p.exitValue() == 0 : "The lab's builder ${name} is missing (${out.trim()}). ${fix}"
    if (out.contains('Driver:        remote')) {
        assert !out.contains('Status:    inactive') && !out.contains('Status:           inactive') : "A node of the farm ${name} is down:\n${out}\n${fix}"
    }
}
println "lab: builders ${System.getenv('FACTORY_LAB_FARM')} and ${System.getenv('FACTORY_LAB_CONTAINER_BUILDER')}"

assert labRegistry && !labRegistry.startsWith('${') : "FACTORY_LAB_REGISTRY is not set. ${fix}"
def conn = new URL("http://${labRegistry}/v2/").openConnection()
conn.connectTimeout = 5000
try { assert conn.responseCode == 200 : "The lab registry ${labRegistry} answered ${conn.responseCode}. ${fix}" }
catch (IOException e) { throw new AssertionError("The lab registry ${labRegistry} is unreachable (${e.message}). ${fix}") }

['busybox:1.35', 'debian:bookworm', 'debian:trixie'].each { ref ->
    // every base is an index with linux/amd64 and linux/arm64
    def (name, tag) = ref.split(':')
    def m = new URL("http://${labRegistry}/v2/lab/${name}/manifests/${tag}").openConnection()
    m.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json')
    assert m.responseCode == 200 : "The base ${labMirror}/${ref} is not in the lab registry. ${fix}"
    def archs = new groovy.json.JsonSlurper().parse(m.inputStream).manifests*.platform*.architecture
    assert archs?.containsAll(['amd64', 'arm64']) : "The base ${labMirror}/${ref} lacks linux/amd64 or linux/arm64 (${archs}). ${fix}"
}
println "lab: registry ${labRegistry} with bases under ${labMirror}"
true
