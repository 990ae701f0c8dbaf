// A throwaway registry that RegistryAuth.java later restarts with htpasswd authentication (as in
// registry-settings-credentials), and a throwaway tinyproxy (_lib/Tinyproxy.groovy) that wants Basic credentials.
// settings.xml names both: the server by the registry's host alone, the proxy as the active one for http.
new File(basedir, 'target/factory/records').deleteDir()
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir)
def proxyPort = evaluate(new File(basedir, '../../../src/it/_lib/Tinyproxy.groovy'))
        .start(basedir, 'factory-proxy', 'Pr0xy-s3cret-for-factory')

def htpasswd = new ProcessBuilder('htpasswd', '-Bbn', 'factory', 'Reg1stry-s3cret-for-factory').redirectErrorStream(true).start()
def line = htpasswd.inputStream.text
assert htpasswd.waitFor() == 0 : "htpasswd (apache2-utils) failed: ${line}"
new File(basedir, 'target/registry/htpasswd').text = line

// both passwords encrypted by Maven (mvn --encrypt-password ... -Dsettings.security=settings-security.xml); the proxy
// serves http (the registry is plain HTTP on loopback), and nothing is exempt from it (no nonProxyHosts)
new File(basedir, 'settings.xml').text = """<settings>
  <servers>
    <server>
      <id>127.0.0.1</id>
      <username>factory</username>
      <password>{rPepHZrJm4QHZqKCAyrraelfUb4tLC0nRk8dYX4JgOB8PXUvoPp0DcO9zOzvCIAj}</password>
    </server>
  </servers>
  <proxies>
    <proxy>
      <id>inactive</id>
      <active>false</active>
      <protocol>http</protocol>
      <host>127.0.0.1</host>
      <port>9</port>
    </proxy>
    <proxy>
      <id>its-proxy</id>
      <active>true</active>
      <protocol>http</protocol>
      <host>127.0.0.1</host>
      <port>${proxyPort}</port>
      <username>factory-proxy</username>
      <password>{t7WSi9yleUkH/54Wz7luwsqMt72vhd+BBHKBfkr3wPHuFIdBh3LHwIeLeLhcmMET}</password>
    </proxy>
  </proxies>
</settings>
"""

def manifest = new File(basedir, 'src/main/factory/manifests/app.yaml')
manifest.parentFile.mkdirs()
manifest.text = """id: app
base: busybox:1.35
image: ${host}/registry-its/proxy
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
