def log = new File(basedir, 'build.log').text
assert log.contains('Image localhost:5000/it/never-pushed:latest@sha256:1111111111111111111111111111111111111111111111111111111111111111 was not found in the registry localhost:5000') : 'no clear error for an image that is not there'
def away = (log =~ /(?m)^\[ERROR\] Failed to execute goal .*repack.*127\.0\.0\.1:5999.*$/)
assert away.find() : 'no error naming the unreachable registry'
assert away.group(0).contains('The registry 127.0.0.1:5999 cannot be reached at http://127.0.0.1:5999') : away.group(0)
['gone', 'away'].each { assert !new File(basedir, "target/factory/builds/${it}/repack.json").exists() : "a repack report was written for ${it}" }
true
