// The key pair, made by the real cosign with the password that server-settings.xml's 'signing' server holds.
def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
cosign.keyPair(new File(basedir, 'target/keys'), 'signer', 'it-sign-key-password')
new File(basedir, 'target/factory/records').deleteDir()
true
