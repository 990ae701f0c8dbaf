// A key pair (only its public half is used) and an image nobody signed: the lab's busybox, copied as it is.
def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
cosign.keyPair(new File(basedir, 'target/keys'), 'signer', 'unused-password')
def copy = ['docker', 'buildx', 'imagetools', 'create', '-t', "${labRegistry}/it-sign/unsigned:1.0", "${labMirror}/busybox:1.35"].execute()
def out = copy.text
assert copy.waitFor() == 0 : "copying busybox failed: ${out}"
true
