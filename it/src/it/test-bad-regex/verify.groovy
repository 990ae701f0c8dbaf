def log = new File(basedir, 'build.log').text
assert log.contains("src/main/factory/manifests/app.yaml:11:24: tests.commandTests[0].expectedOutput[0]: invalid regular expression 'hi(' in test 'echo': missing closing ): `hi(`. Fix the pattern: container-structure-test matches with Go's RE2 syntax, and so does Factory (RE2/J); escape a literal ( [ { * + ? . with a backslash, e.g. '\\\\(' in a YAML double-quoted string or '\\(' in a single-quoted one.") : 'the regex error is not as expected'
assert !log.contains('dev.factory.run=') : 'a container was started before the specs were checked'
true
