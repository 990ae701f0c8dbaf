def log = new File(basedir, 'build.log').text
def runs = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy')).invocations(basedir, 4)
def (fromEnv, fromServer, noServer, publicKey) = runs
def version = (fromEnv =~ /factory-maven-plugin:([^:]+):sign/)[0][1]
def prefix = "[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${version}:sign (default-cli) on project sign-bad-password: "
def key = new File(basedir, 'target/keys/signer.key').absolutePath
def pub = new File(basedir, 'target/keys/signer.pub').absolutePath

assert fromEnv.contains("${prefix}The password from COSIGN_PASSWORD does not open the signing key ${key}: it is not the password "
        + "the key was made with (or the file was changed since). Give the right password, or make a new key pair with "
        + "'cosign generate-key-pair'. -> [Help 1]")
assert fromServer.contains("${prefix}The password from <server> 'signing-wrong' of settings.xml does not open the signing key ${key}: "
        + "it is not the password the key was made with (or the file was changed since). Give the right password, or make a new "
        + "key pair with 'cosign generate-key-pair'. -> [Help 1]")
assert noServer.contains("${prefix}settings.xml has no <server> with the id 'no-such-server' (factory.sign.serverId). Add "
        + "<server><id>no-such-server</id><password>...</password></server> to ~/.m2/settings.xml (encrypt the password with "
        + "'mvn --encrypt-password'), or give the password in COSIGN_PASSWORD instead. -> [Help 1]")
assert publicKey.contains("${prefix}The signing key ${pub} (factory.sign.key) is not a cosign key file: its PEM block is 'PUBLIC KEY', "
        + "not 'ENCRYPTED SIGSTORE PRIVATE KEY'. Point factory.sign.key at the cosign.key that 'cosign generate-key-pair' wrote (or "
        + "'cosign import-key-pair' made from your own key). -> [Help 1]")

// no password, right or wrong, plain or encrypted, reached the log
['it-sign-key-password', 'wrong-password-5c2e', 'not-the-key-password', 'it-sign-master', 'PBdDE9zrnM8H', 'YH7ZU80'].each {
    assert !log.contains(it) : "build.log shows a password (${it.take(4)}...)"
}
runs.each { run ->
    assert !(run =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
    assert !(run =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
}
// the key opens first: nothing was looked up or written
assert !log.contains('Signing ') && !new File(basedir, 'target/factory').exists()
true
