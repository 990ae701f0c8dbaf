// A throwaway registry with htpasswd authentication from the start (nothing needs pushing: the first request is
// refused), and a settings.xml whose server for it has the wrong password; then a throwaway tinyproxy with
// credentials of its own, and settings-proxy.xml with the right server password but the wrong proxy password.
new File(basedir, 'target/factory').deleteDir()
def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
def htpasswdFile = its.htpasswd(new File(basedir, 'target/htpasswd'))
def host = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy')).start(basedir, '', htpasswdFile)

// Wr0ng-s3cret-for-factory, encrypted by Maven (mvn --encrypt-password ... -Dsettings.security=settings-security.xml)
new File(basedir, 'settings.xml').text = """<settings>
${its.servers(host, '{AGnhpCm63JcHCHAnvsSnqPewuSVdVh7BihVV8mJyjTpWK1FZLKIRUJOT/bskgXqZ}')}
</settings>
"""

def proxyPort = evaluate(new File(basedir, '../../../src/it/_lib/Tinyproxy.groovy'))
        .start(basedir, 'factory-proxy', 'Pr0xy-s3cret-for-factory')
// Reg1stry-s3cret-for-factory for the registry, encrypted by Maven; the proxy first without credentials, then with
// Wr0ng-s3cret-for-factory (encrypted likewise)
def proxySettings = { String credentials -> """<settings>
${its.servers(host)}
  <proxies>
    <proxy>
      <id>its-proxy</id>
      <protocol>http</protocol>
      <host>127.0.0.1</host>
      <port>${proxyPort}</port>${credentials}
    </proxy>
  </proxies>
</settings>
""" }
new File(basedir, 'settings-proxy.xml').text = proxySettings('')
new File(basedir, 'settings-proxy-wrong.xml').text = proxySettings('''
      <username>factory-proxy</username>
      <password>{AGnhpCm63JcHCHAnvsSnqPewuSVdVh7BihVV8mJyjTpWK1FZLKIRUJOT/bskgXqZ}</password>''')

its.greeterApp(basedir, "${host}/registry-its/refused", false)
true
