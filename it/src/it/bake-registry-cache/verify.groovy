import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
def builds = new JsonSlurper().parse(new File(out, 'builds.json')).builds
assert builds*.build == ['alpha-hello-healthcheck', 'alpha-hello-none', 'alpha-salut-healthcheck', 'alpha-salut-none', 'beta']

def head = { String repo, String ref ->
    def c = new URL("http://${labRegistry}/v2/${repo}/manifests/${ref}").openConnection()
    c.requestMethod = 'HEAD'
    c.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json')
    c.responseCode == 200 ? c.getHeaderField('Docker-Content-Digest') : null
}
// every image is in the lab registry with the digest image.json names; every build has its multi-arch tag
builds.each { b ->
    def image = new JsonSlurper().parse(new File(out, "builds/${b.build}/image.json"))
    assert image.pushed
    def repo = image.image - "${labRegistry}/"
    image.platforms.each { p ->
        assert p.status == 'built'
        assert head(repo, p.ref.substring(p.ref.lastIndexOf(':') + 1)) == p.digest : "${p.ref} is not in the registry as ${p.digest}"
        // the per-architecture cache ref exists
        assert head('it/bake-cache', "${b.build}-${p.platform.replace('/', '-')}") : "no cache for ${b.build} ${p.platform}"
    }
    assert head(repo, image.tag) == image.index_digest
}
// the second bake ran on an emptied builder and imported the registry cache
def second = log.substring(log.lastIndexOf('exec:'))
assert second.contains("importing cache manifest from ${labRegistry}/it/bake-cache:alpha-salut-none-linux-arm64") : 'the second bake did not import the registry cache'
// every RUN step of the second bake comes from the cache. buildkit shows a step that several targets share
// once, under whichever target reached it first, so this looks at all of them rather than at one name
def runs = (second =~ /(?m)^\[INFO\] \[bake\] #(\d+) \[[a-z0-9-]+ \d+\/\d+\] RUN /).collect { it[1] }.unique()
assert runs.size() >= 3 : "expected the RUN steps of the variants in the second bake, found ${runs}"
runs.each { step ->
    assert (second =~ /(?m)^\[INFO\] \[bake\] #${step} CACHED$/).find() : "RUN step #${step} was rebuilt instead of coming from the registry cache"
}
assert second =~ /(?m)\] RUN echo "salut from \$\(uname -m\)" > \/greeting$/ : 'the salut variants were not in the second bake'
assert !(second =~ /(?m)^\[INFO\] \[bake\] #\d+ \d+\.\d+ /) : 'a step ran (printed output) in the second bake'

// the Docker config's credentials never surface
def bakeFile = new File(out, 'docker-bake.json').text
['it-s3cret-token', 'aXQtdXNlcjppdC1zM2NyZXQtdG9rZW4='].each { secret ->
    assert !log.contains(secret) : 'a credential reached the log'
    assert !bakeFile.contains(secret) : 'a credential reached the bake file'
}
true
