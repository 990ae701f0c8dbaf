// records/beta refuses new files. The ITs run as root, whom chmod does not stop, so root sets the immutable
// attribute (verify.groovy clears it first thing; so does this script, for a run that was cut short).
def records = new File(basedir, 'records')
def beta = new File(records, 'beta')
def root = 'id -u'.execute().text.trim() == '0'
def chattr = { String flag -> ['chattr', flag, beta.path].execute().waitFor() }
if (beta.exists()) {
    if (root) { chattr('-i') } else { beta.setWritable(true) }
}
records.deleteDir()
assert beta.mkdirs()
if (root) {
    assert chattr('+i') == 0 : "chattr +i ${beta} failed; this IT needs a file system with the immutable attribute (ext4, xfs, btrfs)"
} else {
    assert beta.setWritable(false, false)
}
// the premise: nobody can create a file there now
try {
    File.createTempFile('probe', '.tmp', beta).delete()
    assert false : "${beta} still takes new files"
} catch (IOException expected) {
}
true
