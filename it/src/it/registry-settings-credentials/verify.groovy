// first of all, the registry must not outlive the IT
def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
def (pid, registry, log, out, image) = its.finish(basedir).with { [pid, registry, log, out, image] }
def repo = "${registry}/registry-its/credentials"

// the premise: the image was pushed while the registry was open, then it asked for credentials
assert image.pushed && image.image == repo && image.platforms*.status == ['built']
assert log.contains("Registry ${registry} (pid ${pid}) now asks for credentials")
def registryLog = new File(basedir, 'target/registry/registry.log').text

def at = log.indexOf(':merge (default-cli) @ registry-settings-credentials')
assert at > 0 : 'factory:merge did not run'
def step3 = log.substring(at)
// settings.xml is read once for the five goals of the build
assert (step3 =~ /Registry access: credentials from Maven's settings.xml \(<server> id = registry host\[:port\]\), then Docker's config \([^)]+\)/).size() == 1

// merge: the multi-arch tag, put through Factory's own client
def merged = (step3 =~ /multi-arch \Q${repo}\E:latest = (sha256:[0-9a-f]{64}) \(linux\/amd64\)/)
assert merged.find() : 'factory:merge did not join the platform'
// sbom: the image read from the registry
assert new File(out, 'builds/app/sbom.cdx.json').isFile()
assert step3 =~ /SBOM app \(linux\/amd64\): \d+ components/
// record: pushed as a referrer
assert step3.contains("Pushed record app (linux/amd64) to ${repo}")
// report: read back from the registry's referrers
assert step3.contains("Records of app: looked at ")
assert new File(out, 'compatibility.md').text.contains('pass')
// repack: pulled and pushed back
assert step3 =~ /app: \Q${repo}\E:latest-repacked \(sha256:[0-9a-f]{64}\)/

// the registry saw the user of settings.xml, and no request of this step went unauthenticated to completion
assert registryLog.contains('auth.user.name=factory') : 'the registry logged no request of the settings.xml user'
assert !step3.contains('[ERROR]')

// no secret anywhere in the log: neither the password nor its encrypted form nor the master password
its.assertClean(log, ['Reg1stry-s3cret-for-factory', 'rPepHZrJm4QHZqKCAyrraelfUb4tLC0nRk8dYX4JgOB8PXUvoPp0DcO9zOzvCIAj',
        'factory-it-master'])
true
