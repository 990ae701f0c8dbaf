def log = new File(basedir, 'build.log').text
assert log.contains("src/main/factory/manifests/app.yaml:7:3: tests.comandTests: unknown key 'comandTests' in tests block. Did you mean 'commandTests'?") : 'the kind error is not as expected'
true
