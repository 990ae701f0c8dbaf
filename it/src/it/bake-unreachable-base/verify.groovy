import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
def error = 'failed to resolve source metadata for registry-1.docker.io/library/busybox:1.35: failed to do request: Head "https://registry-1.docker.io/v2/library/busybox/manifests/1.35"'
// every target fails in one bake: the others start from the same base, so baking them again would only fail the same way
assert log.count('[bake] #0 building with') == 1 : 'Baker baked again targets whose base cannot be resolved'
assert !log.contains('Baking again')
// when every target failed, it does not speak of others that were built
assert log.contains('6 of 6 target(s) failed to build.\n')
assert !log.contains('The other')
assert log =~ /(?m)^\[INFO\] hub-one\s+linux\/amd64\s+FAILED: failed to resolve source metadata for registry-1\.docker\.io\/library\/busybox:1\.35: /
assert log.contains("Hint: Base image(s) registry-1.docker.io/library/busybox:1.35 could not be resolved: the bases come from Docker Hub, which this engine cannot reach. Take them from a mirror with -Dfactory.mirror=REGISTRY/PREFIX (applied by factory:stitch, so stitch again with it; in Factory's lab, -Dfactory.mirror=localhost:5000/lab).")
assert log.count('Hint: ') == 1
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
['hub-one', 'hub-two', 'hub-three'].each { build ->
    def image = new JsonSlurper().parse(new File(out, "builds/${build}/image.json"))
    assert image.platforms.size() == 2 : build
    image.platforms.each { p ->
        assert p.status == 'failed' && p.digest == null && p.error.startsWith(error) : "${build} ${p.platform}: ${p.error}"
    }
}
true
