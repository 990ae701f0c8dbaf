import groovy.json.JsonSlurper

def records = new File(basedir, 'records')
def beta = new File(records, 'beta')
// first of all, make records/beta writable again, so that mvn clean and the next run can remove it
def root = 'id -u'.execute().text.trim() == '0'
if (root) {
    assert ['chattr', '-i', beta.path].execute().waitFor() == 0 : "chattr -i ${beta} failed: remove the attribute by hand before mvn clean"
} else {
    beta.setWritable(true)
}

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
// the premise: both builds were baked and tested, and alpha's record comes first, so it is written before beta's fails
assert new JsonSlurper().parse(new File(out, 'builds.json')).builds*.build == ['alpha', 'beta']
['alpha', 'beta'].each { assert new File(out, "builds/${it}/smoke.json").isFile() : "${it} was not tested" }

// root is stopped by the immutable attribute (EPERM), anyone else by the folder's mode (EACCES)
def reason = root ? 'Operation not permitted' : 'permission denied'
def expected = "[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${pluginVersion}:record (default-cli) on project " +
        "record-bad-folder-not-writable: The records folder ${beta.absolutePath} is not writable (${reason}); " +
        'no record was written. Point factory.records.directory at a folder this build may write (the default is ' +
        'target/factory/records), or give the build user write permission there, then run again. -> [Help 1]'
assert log.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !log.contains('Record alpha (') && !log.contains('Record beta (') : 'a record was reported written'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
// all or nothing: no record (nor a temporary file) in either folder
def left = []
records.eachFileRecurse { if (it.isFile()) left << it }
assert left.isEmpty() : "files left behind: ${left}"
assert !new File(records, "alpha").exists() : "the folder made for alpha's record was left behind"
true
