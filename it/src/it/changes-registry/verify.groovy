// After mvn clean, the records in the registry vouch; the changed-only matrix lists exactly what a change touches.
import groovy.json.JsonSlurper

def json = new JsonSlurper()
def parts = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy')).invocations(basedir, 3)

def marks = (0..3).collect { new File(basedir, "marks/${it}").text.trim() as long }
def events = ['docker', 'events', '--since', String.format('%.3f', marks[0] / 1e9),
              '--until', String.format('%.3f', System.currentTimeMillis() / 1e3 + 1),
              '--filter', 'type=container', '--filter', 'event=create', '--filter', 'label=dev.factory.run',
              '--format', '{{.TimeNano}} {{json .Actor.Attributes}}'].execute()
def out = events.inputStream.text
events.waitFor()
def started = [:].withDefault { [] }
out.readLines().findAll { it.contains('localhost:5000/it-changes/reg') }.each { line ->
    long t = line.substring(0, line.indexOf(' ')) as long
    int inv = (1..3).find { i -> t >= marks[i] && (i == 3 || t < marks[i + 1]) } ?: 0
    started[inv] << json.parseText(line.substring(line.indexOf(' ') + 1)).image
}

// 1: both variants tested and their records pushed
assert started[1].size() >= 2 : "invocation 1: ${started[1]}"
assert parts[0] =~ /Pushed record reg-stamp \(linux\/amd64\) to localhost:5000\/it-changes\/reg as referrer/
assert parts[0] =~ /Pushed record reg-plain \(linux\/amd64\) to localhost:5000\/it-changes\/reg as referrer/

// 2: mvn clean removed target; the registry's records vouch for both images, still under their tags: no bake, no container
assert started[2].isEmpty() : "invocation 2 started containers: ${started[2]}"
assert parts[1].contains('Records read for reuse from the registry (the referrers of each build\'s images): 2, of which 2 vouch for a key and image')
assert parts[1].contains('Reusing 2 of 2 target(s): a passing record of the same key vouches for each, and its image is still in the registry')
assert parts[1].contains('Nothing to bake: passing records vouch for all 2 target(s) of 2 build(s), and their images are still in the registry')
assert parts[1].contains('Nothing to test: passing records vouch for every image of the 2 build(s)')
assert !parts[1].contains('Pushed record') : 'nothing recorded again'
assert parts[1].contains('BUILD SUCCESS')
def image = json.parse(new File(basedir, 'target/factory/builds/reg-stamp/image.json'))
assert image.platforms[0].reused.record ==~ /localhost:5000\/it-changes\/reg@sha256:[0-9a-f]{64}/ : image.platforms[0]
assert image.index_digest ==~ /sha256:[0-9a-f]{64}/ : 'the multi-arch tag pushed in invocation 1 is still the build\'s'
assert new File(basedir, 'target/factory/compatibility.md').text.contains('## Reused in this build')

// 3: it.stamp changes what the stamp fragment renders: only reg-stamp changed
def matrix = json.parse(new File(basedir, 'target/factory/matrix.json'))
assert matrix.include*.build == ['reg-stamp'] : matrix
assert parts[2].contains("  runs       reg-stamp linux/amd64: the rendered Dockerfile changed (its template, the plan's values or the project's properties)")
assert parts[2].contains('Changed only (factory.matrix.changedOnly): 1 of 2 cell(s) changed since the records in the registry')
def output = new File(basedir, 'marks/github-output.txt').text
assert output.endsWith('count=1\n') : output
true
