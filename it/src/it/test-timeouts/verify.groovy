import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
assert log =~ /FAILED\s+hangs \([0-9.]+ s\): timed out after 3 s/ : 'the hanging command was not stopped by its timeout'
assert log.contains('never ready') && log.contains('the service was not ready on port 7070 within 5 s')
assert log.contains('2 of 3 smoke test(s) failed')
def evidence = new File(out, 'builds/app/evidence.log').text
assert evidence.contains('last 50 log lines') && evidence.contains('marker-before-silence') : 'the service logs are not in the evidence'
def total = (log =~ /Total time:\s+([0-9.]+) (s|min)/)
assert total.find() && total.group(2) == 's' : 'the goal waited for the 600 s commands'
def smoke = new JsonSlurper().parse(new File(out, 'builds/app/smoke.json'))
def p = ['docker', 'ps', '-aq', '--filter', "label=dev.factory.run=${smoke.run}"].execute()
def o = new StringBuilder(); p.waitForProcessOutput(o, new StringBuilder())
assert o.toString().trim().isEmpty() : 'the timed-out containers were left behind'
true
