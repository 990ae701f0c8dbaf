import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
def builds = new JsonSlurper().parse(new File(out, 'builds.json')).builds

// the plan's 2 x 2 variants, plus the manifest without a plan
assert builds*.build == ['greeter-hello-healthcheck', 'greeter-hello-note', 'greeter-salut-healthcheck', 'greeter-salut-note', 'other']
def salutNote = builds.find { it.build == 'greeter-salut-note' }
assert salutNote.manifest_id == 'greeter'
assert salutNote.plan == 'words'
assert salutNote.variant == ['core.greeting': 'salut', light: 'note']
assert salutNote.platforms == ['linux/amd64', 'linux/arm64']
assert salutNote.tags == ['salut-note']
assert salutNote.image == 'localhost:5000/it/greeter'
assert salutNote.fragments.collect { "${it.slot}/${it.name}@${it.version}".toString() } == ['core/greeter@1.2.0', 'light/note@1.0.0']
assert salutNote.fingerprint ==~ /sha256:[0-9a-f]{64}/

// one log line per build, every one written the first time (the first of the four runs in build.log)
def firstRun = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/)[1]
assert (firstRun =~ /stitched   greeter-/).size() == 4
def dockerfile = new File(out, 'builds/greeter-salut-note/Dockerfile').text
assert dockerfile.contains("FROM ${labMirror}/busybox:1.35\n") : 'the base mirror was not applied'
assert dockerfile.contains('RUN echo "salut from stitch-variants 1.0" > /greeting')
assert dockerfile.contains('LABEL note=yes')
assert !dockerfile.contains('HEALTHCHECK')
assert new File(out, 'builds/greeter-hello-healthcheck/Dockerfile').text.contains('CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]')
assert new File(out, 'builds/greeter-salut-note/Dockerfile.dockerignore').text.endsWith('*\n!greeting-extra.txt\n')

// core_smoke renders the core fragment alone and says it leaves the others out
def smoke = new File(out, 'builds/other/Dockerfile').text
assert smoke.contains('RUN echo "hello from')
assert !smoke.contains('HEALTHCHECK')
assert log.contains('template core_smoke places only core; manifest other leaves out its light fragment(s) in these builds')

def stitch = new JsonSlurper().parse(new File(out, 'builds/greeter-salut-note/stitch.json'))
assert stitch.schema == 'factory.stitch/v1'
assert stitch.manifest.sha256 ==~ /[0-9a-f]{64}/
assert stitch.fragments*.sha256.every { it ==~ /[0-9a-f]{64}/ }
assert stitch.dockerfile.sha256 == java.security.MessageDigest.getInstance('SHA-256').digest(dockerfile.bytes).encodeHex().toString()
assert stitch.fingerprint == salutNote.fingerprint

// the second run found nothing to do
assert log.contains('Nothing changed: 5 build(s) up to date, nothing rewritten.')

// -Dfactory.manifestId narrows to one manifest
def only = new JsonSlurper().parse(new File(basedir, 'target/only-other/builds.json')).builds
assert only*.build == ['other']

// -Dfactory.build narrows to one variant (one CI job per variant): the later goals read only that build
def one = new JsonSlurper().parse(new File(basedir, 'target/only-one/builds.json')).builds
assert one*.build == ['greeter-salut-note']
assert new File(basedir, 'target/only-one/builds').list() as List == ['greeter-salut-note']
true
