// A throwaway registry (_lib/ThrowawayRegistry.groovy): the build pushes its image there, StopRegistry.java
// stops it before factory:record, and verify.groovy makes sure it is gone.
// records are never overwritten: start from none, so verify.groovy sees only this run's
new File(basedir, 'target/factory/records').deleteDir()
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir)

// the manifest names an image in that registry
evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy')).greeterApp(basedir, "${host}/evidence-its/record-bad-registry-gone")
true
