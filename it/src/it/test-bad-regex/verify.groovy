def log = new File(basedir, 'build.log').text
assert log.contains("src/main/factory/manifests/app.yaml:11:24: tests.commandTests[0].expectedOutput[0]: invalid regular expression 'hi(' in test 'echo': Unclosed group near index 3.") : 'the regex error is not as expected'
assert !log.contains('dev.factory.run=') : 'a container was started before the specs were checked'
true
