// A farm as buildx knows it, with one node down: farm-amd64 of the lab (running) and an arm64 node on a loopback port
// where nothing listens (picked by binding and closing it). Made in the Docker config folder the build runs with.
def docker = { List<String> argv, boolean check = true ->
    def pb = new ProcessBuilder(['docker'] + argv).redirectErrorStream(true)
    pb.environment().put('DOCKER_CONFIG', dockerConfig)
    def p = pb.start(); def out = p.inputStream.text; p.waitFor()
    assert !check || p.exitValue() == 0 : "docker ${argv}: ${out}"
    out
}
def port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
docker(['buildx', 'rm', 'it-farm-down'], false)
docker(['buildx', 'create', '--name', 'it-farm-down', '--node', 'it-down-amd64', '--driver', 'remote', '--platform', 'linux/amd64', 'tcp://127.0.0.1:1234'])
docker(['buildx', 'create', '--append', '--name', 'it-farm-down', '--node', 'it-down-arm64', '--driver', 'remote', '--platform', 'linux/arm64', "tcp://127.0.0.1:${port}".toString()])
new File(basedir, 'down-port.txt').text = port
true
