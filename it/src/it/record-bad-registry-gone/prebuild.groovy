// A throwaway CNCF registry on a free loopback port, with its storage under target/: the build pushes its image
// there, StopRegistry.java stops it before factory:record, and verify.groovy makes sure it is gone. timeout(1)
// bounds its life in case neither runs (it passes SIGTERM on to the registry).
def state = new File(basedir, 'target/registry')
def pidFile = new File(state, 'pid')
if (pidFile.isFile()) {
    // a run cut short left it running: stop timeout(1) and the registry under it
    ProcessHandle.of(pidFile.text.trim() as long).ifPresent { h -> ([h] + h.descendants().toList()).each { it.destroy() } }
}
state.deleteDir()
// records are never overwritten: start from none, so verify.groovy sees only this run's
new File(basedir, 'target/factory/records').deleteDir()
assert state.mkdirs()
int port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
def config = new File(state, 'config.yml')
config.text = """version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${new File(state, 'data').absolutePath}
http:
  addr: 127.0.0.1:${port}
"""
def registry = new ProcessBuilder('timeout', '600', 'docker-registry', 'serve', config.absolutePath)
        .redirectErrorStream(true).redirectOutput(new File(state, 'registry.log')).start()
pidFile.text = registry.pid() as String
new File(state, 'port').text = port as String
def up = false
for (int i = 0; i < 60 && !up && registry.alive; i++) {
    try {
        up = new URL("http://127.0.0.1:${port}/v2/").openConnection().responseCode == 200
    } catch (IOException notYet) {
        Thread.sleep(500)
    }
}
assert up : "the registry did not come up on 127.0.0.1:${port}: ${new File(state, 'registry.log').text}"

// the manifest names an image in that registry
def manifest = new File(basedir, 'src/main/factory/manifests/app.yaml')
manifest.parentFile.mkdirs()
manifest.text = """id: app
base: busybox:1.35
image: 127.0.0.1:${port}/evidence-its/record-bad-registry-gone
platforms: [linux/amd64]
fragments:
  core: greeter
tests:
  commandTests:
    - name: the greeting is there
      command: cat
      args: [/greeting]
      expectedOutput: ["^hello\$"]
"""
true
