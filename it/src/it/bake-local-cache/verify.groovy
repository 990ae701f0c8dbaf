import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def cache = new File(basedir, 'target/xdg-cache/factory/bake')
assert log.contains("cache local ${cache.canonicalPath}") : 'the default cache is not under XDG_CACHE_HOME'
['local-linux-amd64', 'local-linux-arm64'].each { dir ->
    assert new File(cache, "${dir}/index.json").isFile() : "no local cache written for ${dir}"
}
def bake = new File(basedir, 'target/factory/docker-bake.json').text
assert bake.contains("type=local,dest=${cache.canonicalPath}/local-linux-arm64,mode=max")
def image = new JsonSlurper().parse(new File(basedir, 'target/factory/builds/local/image.json'))
assert image.pushed == false
assert image.platforms*.status == ['built', 'built']
def run = { List<String> argv -> def p = argv.execute(); def o = new StringBuilder(); p.waitForProcessOutput(o, new StringBuilder()); o.toString().trim() }
assert run(['docker', 'run', '--rm', 'factory/local:latest', 'cat', '/greeting']) == 'local from x86_64'
assert run(['docker', 'run', '--rm', '--platform', 'linux/arm64', 'factory/local:latest-linux-arm64', 'cat', '/greeting']) == 'local from aarch64'
true
