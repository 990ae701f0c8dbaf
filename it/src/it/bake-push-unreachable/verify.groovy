def log = new File(basedir, 'build.log').text
assert log.contains('Cannot push to registry 127.0.0.1:5999: it is unreachable (')
assert log.contains('Images 127.0.0.1:5999/it/app would go there. Check that the registry runs and is reachable from here')
assert !new File(basedir, 'target/factory/builds/app/image.json').exists() : 'nothing was built or recorded'
true
