def log = new File(basedir, 'build.log').text
assert log.contains("src/main/factory/manifests/app.yaml:11:7: tests.commandTests[0].expectedOuput: unknown key 'expectedOuput' in command test 'echo'. Did you mean 'expectedOutput'?") : 'the field error is not as expected'
true
