// Checks, invocation by invocation (invoker.properties), what was built, tested and recorded, against the records on
// disk, the registry's digests and the engine's own events: which containers Factory started, and when.
import groovy.json.JsonSlurper

def json = new JsonSlurper()
def log = new File(basedir, 'build.log').text
// one part per invocation, in order (each Maven run starts by scanning for projects)
def parts = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy')).invocations(basedir, 5)

// ---- the engine's events: every container Factory created (test containers, and the SBOM's docker create) ----
def marks = (0..5).collect { new File(basedir, "marks/${it}").text.trim() as long }
def now = System.currentTimeMillis() * 1_000_000L
def events = ['docker', 'events', '--since', String.format('%.3f', marks[0] / 1e9), '--until', String.format('%.3f', now / 1e9 + 1),
              '--filter', 'type=container', '--filter', 'event=create', '--filter', 'label=dev.factory.run',
              '--format', '{{.TimeNano}} {{json .Actor.Attributes}}'].execute()
def eventsOut = events.inputStream.text
events.waitFor()
assert events.exitValue() == 0 : eventsOut
// per invocation (1..5): the builds whose images got a container
def started = [:].withDefault { [] as Set }
eventsOut.readLines().findAll { it.trim() }.each { line ->
    long t = line.substring(0, line.indexOf(' ')) as long
    def attrs = json.parseText(line.substring(line.indexOf(' ') + 1))
    def image = attrs.image ?: ''
    def m = image =~ /^localhost:5000\/it-changes\/(ok|other|broken|local):(\S+?)(-linux-amd64)?$/
    if (!m.find()) { return }   // another IT's or another helper's container
    def build = m.group(1) == 'ok' ? "ok-${m.group(2).replaceFirst(/^latest$/, 'hello')}" : m.group(1)
    int inv = (1..5).find { i -> t >= marks[i] && (i == 5 || t < marks[i + 1]) } ?: 0
    started[inv] << build.toString()
}
println "containers started per invocation: ${started}"

// ---- records: per build, in the order they were made ----
def records = [:].withDefault { [] }
new File(basedir, 'target/factory/records').eachFileRecurse { f ->
    if (f.name.endsWith('.json')) { def r = json.parse(f); records[r.build] << r }
}
records.values().each { it.sort { a, b -> a.created <=> b.created ?: a.run <=> b.run } }

// ---- the digests the bases named, from the registry and the engine ----
def manifestDigest = { String repo, String tag ->
    def c = new URL("http://localhost:5000/v2/${repo}/manifests/${tag}").openConnection()
    c.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json,'
            + 'application/vnd.docker.distribution.manifest.v2+json,application/vnd.docker.distribution.manifest.list.v2+json')
    def body = json.parse(c.inputStream)
    if (body.manifests) {
        return body.manifests.find { it.platform?.architecture == 'amd64' && it.platform?.os == 'linux' }.digest
    }
    c.getHeaderField('Docker-Content-Digest')
}
def movedTo = manifestDigest('it-changes/base', '1')
def busybox = manifestDigest('lab/busybox', '1.35')
def p = ['docker', 'image', 'inspect', '--format', '{{.Id}}', 'localhost:5000/it-changes/local-only:1'].execute()
def localId = p.inputStream.text.trim(); p.waitFor()

// 1. everything new: all five built and tested; records carry the base with its digest per platform
assert started[1] == ['ok-hello', 'ok-salut', 'other', 'broken', 'local'] as Set : "invocation 1: ${started[1]}"
def first = records.collectEntries { b, rs -> [b, rs[0]] }
assert first.keySet() == ['ok-hello', 'ok-salut', 'other', 'broken', 'local'] as Set
first.values().each { r -> assert r.key ==~ /sha256:[0-9a-f]{64}/ : "${r.build}: key ${r.key}" }
def firstBase = first['ok-hello'].base
assert firstBase.ref == 'localhost:5000/it-changes/base:1'
assert firstBase.digest ==~ /sha256:[0-9a-f]{64}/ && firstBase.digest != movedTo : "the first base:1 (${firstBase.digest}) is not the moved one (${movedTo})"
assert first['ok-salut'].base == firstBase
assert first['other'].base == [ref: 'localhost:5000/lab/busybox:1.35', digest: busybox] : "the lab busybox's amd64 manifest: ${first['other'].base}"
assert first['local'].base == [ref: 'localhost:5000/it-changes/local-only:1', digest: localId] : "${first['local'].base} vs engine ${localId}"
assert parts[0].contains("Base localhost:5000/it-changes/local-only:1 is ${localId} (the local engine's image: it is in no registry)")
assert first['broken'].status == 'fail'

// 2. nothing changed: only broken (whose record failed) started containers; the others are vouched for
assert started[2] == ['broken'] as Set : "invocation 2 started containers for ${started[2]}"
assert parts[1].contains('Reusing 4 of 5 target(s): a passing record of the same key vouches for each, and its image is still in the local engine')
assert parts[1] =~ /ok-hello\s+linux\/amd64\s+reused [0-9a-f]{12}  localhost:5000\/it-changes\/ok:hello-linux-amd64  \(passed ${first['ok-hello'].created}, run ${first['ok-hello'].run}\)/
assert parts[1].contains('Not recorded again: 4 reused image(s), whose passing records still vouch for them')
assert parts[1].contains('1 variant(s) of this build did not pass')
assert parts[1] =~ /(?m)^\[ERROR\]\s+broken\s+linux\/amd64\s+fail/

// 3. forced: ok-hello again (and broken, as ever)
assert started[3] == ['ok-hello', 'broken'] as Set : "invocation 3: ${started[3]}"
assert parts[2].contains('Baking and testing again 1 target(s) that passing records vouch for (factory.rebuild): ok-hello-linux-amd64')

// 4. the base moved: stitch names it and the two cells it touches; explain lists each cell and why
assert parts[3].contains("Base localhost:5000/it-changes/base:1 moved on linux/amd64 since the last records (${firstBase.digest.substring(0, 19)} -> ${movedTo.substring(0, 19)}): its 2 cell(s) are built and tested again: ok-hello, ok-salut")
assert parts[3] =~ /(?m)^\[INFO\]   ok-salut\s+linux\/amd64\s+changed\s+base localhost:5000\/it-changes\/base:1 moved on linux\/amd64/
assert parts[3] =~ /(?m)^\[INFO\]   other\s+linux\/amd64\s+unchanged\s+vouched for by a passing record/
assert parts[3] =~ /(?m)^\[INFO\]   broken\s+linux\/amd64\s+retest\s+same inputs as its last record, which is a fail/
assert parts[3].contains('What changed (factory.explain): 5 cell(s) against ')
assert started[4].isEmpty()

// 5. exactly the moved base's cells (and broken) are tested again, with new records naming the new digest
assert started[5] == ['ok-hello', 'ok-salut', 'broken'] as Set : "invocation 5: ${started[5]}"
['ok-hello', 'ok-salut'].each { b ->
    def last = records[b][-1]
    assert last.base == [ref: 'localhost:5000/it-changes/base:1', digest: movedTo] : "${b}: ${last.base}"
    assert last.key != first[b].key
    assert last.status == 'pass'
}
assert records['ok-hello'].size() == 3 && records['ok-salut'].size() == 2 : records.collectEntries { k, v -> [k, v.size()] }
assert records['other'].size() == 1 && records['local'].size() == 1 : 'unchanged variants are not recorded again'
assert records['broken'].size() == 4 && records['broken'].every { it.status == 'fail' } : 'a failing record never vouches: tested and recorded in every verify'

// the cache: over its cap of 1 byte, the folders this bake did not use were removed, and said so; the folders kept hold
// only blobs their index.json reaches (the ok-* exports of the first base are gone)
def cache = new File(basedir, 'cache')
assert parts[4] =~ /Local cache \S+ held .*, more than factory.cache.maxSize \(1 B\): removed the least recently used 2 folder\(s\): (other|local)-linux-amd64 \(/
assert !new File(cache, 'other-linux-amd64').exists() && !new File(cache, 'local-linux-amd64').exists()
assert parts[4].contains('in the folders of this bake alone; they are kept for the next build')
['ok-hello-linux-amd64', 'ok-salut-linux-amd64', 'broken-linux-amd64'].each { name ->
    def folder = new File(cache, name)
    assert new File(folder, 'index.json').isFile() : "${name} was kept"
    def reached = [] as Set
    def todo = [json.parse(new File(folder, 'index.json'))]
    while (todo) {
        def doc = todo.remove(0)
        ((doc.manifests ?: []) + (doc.layers ?: []) + (doc.config ? [doc.config] : [])).each { d ->
            if (reached.add(d.digest) && (d.mediaType ?: '') =~ /manifest|index/) {
                todo << json.parse(new File(folder, "blobs/sha256/${d.digest.substring(7)}"))
            }
        }
    }
    def blobs = new File(folder, 'blobs/sha256').listFiles().collect { "sha256:${it.name}".toString() } as Set
    assert blobs == reached : "${name}: blobs no index.json reaches: ${blobs - reached}"
}
assert parts[4] =~ /Local cache: deleted \d+ blob\(s\), .* that the folders' index.json no longer reaches/
true
