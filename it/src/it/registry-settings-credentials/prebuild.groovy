// A throwaway registry (_lib/ThrowawayRegistry.groovy), open while bake pushes to it; RegistryAuth.java then restarts
// it with the htpasswd file written here, so that Factory's goals can only get in with settings.xml's server.
new File(basedir, 'target/factory/records').deleteDir()
def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir)

// the password is the one settings.xml holds encrypted
its.htpasswd(new File(basedir, 'target/registry/htpasswd'))

// the server id is the registry's host:port
new File(basedir, 'settings.xml').text = """<settings>
${its.servers(host)}
</settings>
"""

its.greeterApp(basedir, "${host}/registry-its/credentials")
true
