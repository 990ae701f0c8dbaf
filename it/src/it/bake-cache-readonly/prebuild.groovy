// a registry that is up (so the probe before bake passes) and refuses every write, as one without push rights does
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir, '''  maintenance:
    readonly:
      enabled: true''')
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dfactory.cache.repository=${host}/it/cache\n"
new File(basedir, 'target/registry/host').text = host
true
