// A throwaway registry (_lib/ThrowawayRegistry.groovy): the build pushes its image there, StopRegistry.java
// stops it before factory:record, and verify.groovy makes sure it is gone.
// records are never overwritten: start from none, so verify.groovy sees only this run's
new File(basedir, 'target/factory/records').deleteDir()
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir)
int port = host.substring(host.indexOf(':') + 1) as int

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
      expectedOutput: ["(?m)^hello\$"]
"""
true
