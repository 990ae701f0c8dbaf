// A registry that is up (so bake's reachability probe passes) and refuses every write, as one without push rights does.
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir, '''  maintenance:
    readonly:
      enabled: true''')
def manifests = new File(basedir, 'src/main/factory/manifests'); manifests.mkdirs()
new File(manifests, 'refused.yaml').text = """id: refused
base: busybox:1.35
image: ${host}/it/refused
platforms: [linux/amd64, linux/arm64]
fragments:
  core: stamp
"""
true
