// A throwaway registry (_lib/ThrowawayRegistry.groovy), open while bake pushes to it; RegistryAuth.java then restarts
// it with the htpasswd file written here, so that Factory's goals can only get in with settings.xml's server.
new File(basedir, 'target/factory/records').deleteDir()
def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir)

// the password is the one settings.xml holds encrypted
its.htpasswd(new File(basedir, 'target/registry/htpasswd'))

// the server id is the registry's host:port; the password was encrypted by Maven itself
// (mvn --encrypt-password Reg1stry-s3cret-for-factory -Dsettings.security=settings-security.xml)
new File(basedir, 'settings.xml').text = """<settings>
  <servers>
    <server>
      <id>${host}</id>
      <username>factory</username>
      <password>{rPepHZrJm4QHZqKCAyrraelfUb4tLC0nRk8dYX4JgOB8PXUvoPp0DcO9zOzvCIAj}</password>
    </server>
  </servers>
</settings>
"""

its.greeterApp(basedir, "${host}/registry-its/credentials")
true
