// Starts from nothing of an earlier run (records are never overwritten, the cache and the marks are this IT's), then
// pushes the first image of localhost:5000/it-changes/base:1 and builds localhost:5000/it-changes/local-only:1 into the
// engine only. Both carry a label of this run, so their digests are new every run.
['target', 'cache', 'marks'].each { new File(basedir, it).deleteDir() }
new File(basedir, 'marks').mkdirs()
new File(basedir, 'marks/0').text = String.valueOf(System.currentTimeMillis() * 1_000_000L)

def docker = { List<String> args ->
    def pb = new ProcessBuilder((['docker'] + args)*.toString()).directory(basedir).redirectErrorStream(true)
    pb.environment().put('DOCKER_CONFIG', dockerConfig)
    def p = pb.start()
    def out = p.inputStream.text
    p.waitFor()
    assert p.exitValue() == 0 : "docker ${args.join(' ')}:\n${out}"
    out
}
def stamp = UUID.randomUUID().toString()
docker(['buildx', 'build', '--push', '--provenance=false', '--platform', 'linux/amd64', '--build-arg', "STAMP=first-${stamp}",
        '-t', 'localhost:5000/it-changes/base:1', 'base'])
docker(['buildx', 'build', '--load', '--provenance=false', '--build-arg', "STAMP=local-${stamp}",
        '-t', 'localhost:5000/it-changes/local-only:1', 'base'])
true
