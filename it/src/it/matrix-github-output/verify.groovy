import groovy.json.JsonSlurper
def matrix = new JsonSlurper().parse(new File(basedir, 'target/factory/matrix.json'))
def jobs = matrix.include.collect { "${it.build} ${it.platform} ${it.runner}".toString() }
assert jobs == ['cpu linux/amd64 ubuntu-24.04', 'cpu linux/arm64 arm-runner-large', 'gpu linux/amd64 [self-hosted, gpu]']
assert matrix.include[2].pool == 'gpu'
assert matrix.include[1].arch == 'arm64'
def output = new File(basedir, 'target/github-output.txt').text
def m = output =~ /(?s)^matrix<<(FACTORY_MATRIX_[0-9a-f]+)\n(\{.*\})\n\1\ncount=3\n$/
assert m.find() : "GITHUB_OUTPUT is not in the delimiter form:\n${output}"
assert new JsonSlurper().parseText(m.group(2)) == matrix
true
