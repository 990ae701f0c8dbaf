// Two key pairs made by the real cosign: the signer's (its password is the one invoker.properties gives the
// deploy in COSIGN_PASSWORD) and another one, whose public key must not be accepted.
def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
def keys = new File(basedir, 'target/keys')
cosign.keyPair(keys, 'signer', 'sign-deploy-pw-8d1f')
cosign.keyPair(keys, 'other', 'another-password')
// records are never overwritten: start from none, so verify.groovy sees only this run's
new File(basedir, 'target/factory/records').deleteDir()
true
