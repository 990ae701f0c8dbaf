import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] Cache registry 127.0.0.1:5999 is unreachable (')
assert log.contains('building without remote cache; refs 127.0.0.1:5999/it/cache:<build>-<os>-<arch> were neither read nor written.')
def bake = new File(basedir, 'target/factory/docker-bake.json').text
assert !bake.contains('cache-from') && !bake.contains('127.0.0.1:5999') : 'the unreachable cache stayed in the bake file'
def image = new JsonSlurper().parse(new File(basedir, 'target/factory/builds/app/image.json'))
assert image.platforms*.status == ['built']
true
