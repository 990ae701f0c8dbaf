import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
// invocation 2: every build tested, the goal fails at the end with the table
def second = log.substring(log.indexOf('factory:0.1.0-SNAPSHOT:test'))
assert second =~ /web-9090\s+linux\/amd64\s+0\s+1/ : 'the 9090 variant is not in the table with its failure'
assert second =~ /web-8080\s+linux\/amd64\s+\d+\s+0/ : 'the passing variant is not in the table'
assert second.contains('web-bad') && second.contains('image not built') : 'the unbuilt variant is not reported'
assert second.contains('Build web-bad has no image for linux/amd64') || second.contains('web-bad') 
def failed = new JsonSlurper().parse(new File(out, 'builds/web-9090/smoke.json'))
assert failed.status == 'fail'
def junit = new File(basedir, 'target/failsafe-reports/TEST-factory.web-9090.linux-amd64.xml').text
assert junit.contains('<failure') && junit.contains('8080') : 'the JUnit failure lacks expected vs actual'
assert new JsonSlurper().parse(new File(out, 'builds/web-8080/smoke.json')).status == 'pass'
// invocation 3: failureIgnore goes on; 4-6: the skip flags
assert log.contains('Going on: factory.test.failureIgnore is set.')
assert log.contains('Skipping factory:test (skipTests)')
assert log.contains('Skipping factory:test (skipITs)')
assert log.contains('Skipping factory:test (factory.test.skip)')
true
