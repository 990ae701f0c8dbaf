import groovy.json.JsonSlurper

// first of all, the registry must not outlive the IT
def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
def (pid, registry, log, out, image) = its.finish(basedir).with { [pid, registry, log, out, image] }
def repo = "${registry}/evidence-its/record-bad-registry-gone"

// the premise: the image was pushed there, tested and described, then the registry stopped
assert image.pushed && image.image == repo && image.platforms*.status == ['built']
def digest = image.platforms[0].digest
assert new File(out, 'builds/app/smoke.json').isFile() && new File(out, 'builds/app/sbom.cdx.json').isFile()
assert log.contains("Registry ${registry} (pid ${pid}) stopped")

// the record is written locally all the same
def records = new File(out, 'records/app').listFiles().findAll { it.name.endsWith('.json') }
assert records.size() == 1 : records*.name
def record = new JsonSlurper().parse(records[0])
assert record.status == 'pass' && record.image.name == repo && record.image.digest == digest && record.image.pushed
def local = "target/factory/records/app/${records[0].name}"
assert log.contains("Record app (linux/amd64): pass, 1/1 tests passed -> ${local}")

def at = log.indexOf(':record (default-cli) @ record-bad-registry-gone')
assert at > 0 : 'factory:record did not run'
def recordLog = log.substring(at)
def expected = """[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${pluginVersion}:record (default-cli) on project record-bad-registry-gone: Pushing 1 of 1 record(s) to the registry ${registry} failed; the records are written locally all the same:
[ERROR]   - app (linux/amd64) -> ${local}: The registry ${registry} cannot be reached at http://${registry} (connection refused). Check that it is running and that the image name's registry is right.
[ERROR] When the registry is back, run factory:record again to push new records; factory.record.push=false keeps records local only.
[ERROR] -> [Help 1]"""
assert recordLog.contains(expected) : "build.log lacks the expected error:\n${expected}"
assert !recordLog.contains('Pushed record') : 'a record was reported pushed'
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
true
