import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
// invocation 2: every build tested, the goal fails at the end with the table
def second = log.substring(log.indexOf("factory:${pluginVersion}:test"))
assert second =~ /web-9090\s+linux\/amd64\s+0\s+1/ : 'the 9090 variant is not in the table with its failure'
assert second =~ /web-8080\s+linux\/amd64\s+\d+\s+0/ : 'the passing variant is not in the table'
assert second.contains('web-bad') && second.contains('image not built') : 'the unbuilt variant is not reported'
// the unbuilt image: said once, in one line, counted apart from the tests that ran; the reports keep the bake's error
def secondRun = second.substring(0, second.indexOf("factory:${pluginVersion}:test", 10))
assert secondRun =~ /web-bad\s+linux\/amd64\s+-\s+-\s+image not built/
assert secondRun.count('web-bad linux/amd64 has no image (its bake failed, see the bake table above)') == 1 : secondRun
assert !secondRun.contains('Build web-bad has no image') : 'the full bake error reached the console'
assert secondRun =~ /: 1 of \d+ smoke test\(s\) failed:/
assert secondRun.contains('[ERROR] 1 of 3 image(s) could not be tested: not built:')
def badReport = new File(out, 'builds/web-bad/smoke-report.xml').text
assert badReport.contains('Build web-bad has no image for linux/amd64 (its bake failed: ') && badReport.contains('Invalid containerPort: bad')
assert new File(out, 'builds/web-bad/evidence.log').text.contains('(its bake failed: ')
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
assert log.contains('Skipping factory:record (skipTests: nothing was tested)')
assert log.contains('Skipping factory:report (skipTests: nothing was tested, and there are no records of earlier runs in target/factory/records)')
// invocation 7: one record per variant, and the report says why each failing one did not pass
def seventh = log.substring(log.indexOf('Skipping factory:test (factory.test.skip)'), log.lastIndexOf("factory:${pluginVersion}:record (default-cli)"))
assert seventh.contains('2 variant(s) of this build did not pass')
assert seventh =~ /\[ERROR\]   web-9090\s+linux\/amd64\s+fail   1 test\(s\) failed; see the evidence\./
def badLine = (seventh =~ /\[ERROR\]   web-bad\s+linux\/amd64\s+error  (not built: [^\n]*)/)
assert badLine.find() : seventh
assert badLine.group(1).length() <= 80 && badLine.group(1).startsWith('not built: ') : badLine.group(1)
// invocation 8: skipITs records nothing new and the matrix shows the earlier records, failing nothing
def eighth = log.substring(log.lastIndexOf("factory:${pluginVersion}:record (default-cli)"))
assert eighth.contains('Skipping factory:record (skipITs: nothing was tested)')
assert eighth.contains('Nothing was tested (skipITs): the matrix shows the records of earlier runs, and fails nothing')
assert eighth.contains('Compatibility records: read 3 records') && !eighth.contains('did not pass')
assert !eighth.contains('Run factory:record first')
assert new File(out, 'records/web').listFiles().size() == 3
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'
true
