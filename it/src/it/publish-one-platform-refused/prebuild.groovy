// A real registry behind a proxy that refuses the manifest push of every *-linux-arm64 tag, as a registry with tag
// rules does: the amd64 push goes through, the arm64 one is refused.
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def proxy = evaluate(new File(basedir, '../../../src/it/_lib/RefusingRegistryProxy.groovy'))
def backend = registry.start(basedir)
def host = proxy.start(basedir, backend, '.*-linux-arm64')
def manifests = new File(basedir, 'src/main/factory/manifests'); manifests.mkdirs()
new File(manifests, 'half.yaml').text = """id: half
base: busybox:1.35
image: ${host}/it/half
platforms: [linux/amd64, linux/arm64]
fragments:
  core: stamp
"""
new File(basedir, 'target/backend').text = backend
true
