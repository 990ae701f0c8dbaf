// The *-hostile ITs run one Maven invocation per case (invoker.goals.N) against one shared fixture. For each
// case this checks: the exact message, no stack trace, no unexpected exception, and the time the goal's own
// work took: from its first line (the goal's core says what it reads, after Maven has loaded and configured
// the plugin) to BUILD FAILURE, read from the log's timestamps (invoker.mavenOpts turns them on). seed() writes files under target/factory before the first invocation; unchanged() then proves that
// no case wrote or changed anything there.
// Use: def hostile = evaluate(new File(basedir, '../../../src/it/_lib/Hostile.groovy'))
import java.time.Duration
import java.time.LocalTime

def SEEDS = ['target/factory/builds.json': '{"seeded": "by prebuild.groovy; a failed goal must leave this file alone"}\n',
             'target/factory/builds/seed/Dockerfile': 'FROM scratch\n# seeded by prebuild.groovy\n']

[
    SEEDS: SEEDS,

    seed: { File basedir, Map<String, String> seeds = SEEDS ->
        seeds.each { rel, text ->
            def f = new File(basedir, rel)
            f.parentFile.mkdirs()
            f.text = text
            f.setLastModified(1_000_000_000_000L)
        }
        true
    },

    // the log of each invocation, in order: each starts with Maven's 'Scanning for projects...'
    invocations: { File basedir ->
        def log = new File(basedir, 'build.log').text
        def parts = log.split(/(?m)^(?=\S* ?\[INFO\] Scanning for projects\.\.\.)/).findAll { it.contains('Scanning for projects') }
        parts as List
    },

    // one failing case: its exact message, no stack trace, and the goal's own time within limitMs
    // (started: the goal's first line, e.g. 'Stitching the manifests in')
    failed: { String part, String started, String expected, long limitMs ->
        assert part.contains(expected) : "the log lacks the expected error:\n${expected}\n--- log of this invocation:\n${part}"
        assert part.contains('BUILD FAILURE')
        assert !(part =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
        assert !(part =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
        def at = { String pattern ->
            def m = (part =~ /(?m)^(\d\d:\d\d:\d\d\.\d\d\d) \[\w+\] ${pattern}/)
            assert m.find() : "no timestamped line ${pattern} (is invoker.mavenOpts setting showDateTime?)"
            LocalTime.parse(m.group(1))
        }
        def took = Duration.between(at(java.util.regex.Pattern.quote(started)), at('BUILD FAILURE')).toMillis()
        println "  ${took} ms: ${expected.take(100)}"
        assert took <= limitMs : "the goal took ${took} ms (bound ${limitMs} ms) for: ${expected}"
        true
    },

    // nothing under target/factory but the seeds (or the files of an earlier, successful stitch), all unchanged
    unchanged: { File basedir, Map<String, String> seeds = SEEDS, List<String> alsoAllowed = [] ->
        def dir = new File(basedir, 'target/factory')
        def found = []
        dir.eachFileRecurse(groovy.io.FileType.FILES) { found << dir.toPath().relativize(it.toPath()).toString() }
        def allowed = (seeds.keySet().collect { it - 'target/factory/' } + alsoAllowed).unique()
        assert found.sort() == allowed.sort() : "files were written under target/factory: ${found - allowed}"
        seeds.each { rel, text ->
            def f = new File(basedir, rel)
            assert f.text == text : "${rel} was changed"
            assert f.lastModified() == 1_000_000_000_000L : "${rel} was rewritten"
        }
        true
    },
]
