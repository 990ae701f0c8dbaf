// A throwaway registry (_lib/ThrowawayRegistry.groovy), open while bake pushes to it; RegistryAuth.java then restarts
// it with the htpasswd file written here, so that Factory's goals can only get in with settings.xml's server.
new File(basedir, 'target/factory/records').deleteDir()
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir)

// bcrypt, as the distribution registry requires; the password is the one settings.xml holds encrypted
def htpasswd = new ProcessBuilder('htpasswd', '-Bbn', 'factory', 'Reg1stry-s3cret-for-factory').redirectErrorStream(true).start()
def line = htpasswd.inputStream.text
assert htpasswd.waitFor() == 0 : "htpasswd (apache2-utils) failed: ${line}"
new File(basedir, 'target/registry/htpasswd').text = line

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

def manifest = new File(basedir, 'src/main/factory/manifests/app.yaml')
manifest.parentFile.mkdirs()
manifest.text = """id: app
base: busybox:1.35
image: ${host}/registry-its/credentials
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
