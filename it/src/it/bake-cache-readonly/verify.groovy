import groovy.json.JsonSlurper

def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
registry.stop(basedir)
def host = new File(basedir, 'target/registry/host').text
def log = new File(basedir, 'build.log').text
def ref = "${host}/it/cache:readonly-linux-amd64"

// the cache was asked for (registry mode, with ignore-error) and could not be written
def bake = new File(basedir, 'target/factory/docker-bake.json').text
assert bake.contains("type=registry,ref=${ref},mode=max,ignore-error=true")
assert (log =~ /(?m)^\[WARNING\] The cache of readonly-linux-amd64 was not written to \Q${ref}\E \(.+\); the image was built all the same, and its next build may take longer\.$/).find()
// the build is not failed by it
assert log.contains('BUILD SUCCESS')
def image = new JsonSlurper().parse(new File(basedir, 'target/factory/builds/readonly/image.json'))
assert image.platforms*.status == ['built']
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
true
