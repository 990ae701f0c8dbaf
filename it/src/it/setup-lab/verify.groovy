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
println "lab: ${buildx[1]}"

assert labRegistry && !labRegistry.startsWith('${') : "FACTORY_LAB_REGISTRY is not set. ${fix}"
def conn = new URL("http://${labRegistry}/v2/").openConnection()
conn.connectTimeout = 5000
try { assert conn.responseCode == 200 : "The lab registry ${labRegistry} answered ${conn.responseCode}. ${fix}" }
catch (IOException e) { throw new AssertionError("The lab registry ${labRegistry} is unreachable (${e.message}). ${fix}") }

['busybox:1.35', 'debian:bookworm', 'debian:trixie'].each { ref ->
    def (name, tag) = ref.split(':')
    def m = new URL("http://${labRegistry}/v2/lab/${name}/manifests/${tag}").openConnection()
    m.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json')
    assert m.responseCode == 200 : "The base ${labMirror}/${ref} is not in the lab registry. ${fix}"
}
println "lab: registry ${labRegistry} with bases under ${labMirror}"
true
