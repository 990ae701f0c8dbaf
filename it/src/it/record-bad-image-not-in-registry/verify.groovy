import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
def repo = 'evidence-its/record-bad-image-not-in-registry'
// the premise: the image was built, loaded (not pushed) and tested
def image = new JsonSlurper().parse(new File(out, 'builds/app/image.json'))
assert !image.pushed && image.platforms*.status == ['built']
def digest = image.platforms[0].digest
assert new File(out, 'builds/app/smoke.json').isFile() : 'the image was not tested'

// the record is written locally all the same, and says what the image is
def records = new File(out, 'records/app').listFiles().findAll { it.name.endsWith('.json') }
assert records.size() == 1 : records*.name
def record = new JsonSlurper().parse(records[0])
assert record.status == 'pass' && record.image.name == "${labRegistry}/${repo}" && record.image.digest == digest
def local = "target/factory/records/app/${records[0].name}"
assert log.contains("Record app (linux/amd64): pass, 1/1 tests passed -> ${local}")

def expected = """[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${pluginVersion}:record (default-cli) on project record-bad-image-not-in-registry: Pushing 1 of 1 record(s) to the registry ${labRegistry} failed; the records are written locally all the same:
[ERROR]   - app (linux/amd64) -> ${local}: Image ${labRegistry}/${repo}@${digest} (app, linux/amd64) was not found in the registry ${labRegistry}, so its record cannot be attached to it. Push the image (factory:bake with factory.push=true), or set factory.record.push=false to keep records local.
[ERROR] -> [Help 1]"""
assert log.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !log.contains('Pushed record') : 'a record was reported pushed'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
// nothing reached the registry: the repository does not exist there
def c = new URL("http://${labRegistry}/v2/${repo}/tags/list").openConnection()
assert c.responseCode == 404 : "the registry has ${repo} (HTTP ${c.responseCode})"
true
