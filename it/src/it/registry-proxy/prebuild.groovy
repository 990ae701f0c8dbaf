// A throwaway registry that RegistryAuth.java later restarts with htpasswd authentication (as in
// registry-settings-credentials), and a throwaway tinyproxy (_lib/Tinyproxy.groovy) that wants Basic credentials.
// settings.xml names both: the server by the registry's host alone, the proxy as the active one for http.
new File(basedir, 'target/factory/records').deleteDir()
def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def host = registry.start(basedir)
def proxyPort = evaluate(new File(basedir, '../../../src/it/_lib/Tinyproxy.groovy'))
        .start(basedir, 'factory-proxy', 'Pr0xy-s3cret-for-factory')
its.htpasswd(new File(basedir, 'target/registry/htpasswd'))

// both passwords encrypted by Maven (mvn --encrypt-password ... -Dsettings.security=settings-security.xml); the proxy
// serves http (the registry is plain HTTP on loopback), and nothing is exempt from it (no nonProxyHosts)
new File(basedir, 'settings.xml').text = """<settings>
${its.servers('127.0.0.1')}
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

its.greeterApp(basedir, "${host}/registry-its/proxy")
true
