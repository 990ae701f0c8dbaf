import groovy.json.JsonSlurper

def greeting = 'it\'s $(touch /pwned) `touch /pwned` "q" ; touch /pwned & ${HOME} $HOME \\ * ~ # done'
def motd = 'Welcome.\nRUN touch /pwned\n"quoted" and \'single\'\n# not a comment\n  indented, with a backslash at the end \\\n$HOME stays ${HOME}\nFACTORY_EOF\nthe end\n'
// stdout byte for byte (Groovy's waitForProcessOutput reads lines and adds a line feed to each)
def run = { List<String> cmd ->
    def p = cmd.execute()
    def err = new StringBuilder()
    p.consumeProcessErrorStream(err)
    def out = p.inputStream.getText('UTF-8')
    p.waitFor()
    [code: p.exitValue(), out: out, err: err.toString()]
}

def log = new File(basedir, 'build.log').text
def dockerfile = new File(basedir, 'target/factory/builds/quoting/Dockerfile').text
// the Dockerfile as stitched: one RUN line whose value is one single-quoted word, and a here-document
assert dockerfile.contains("RUN printf '%s' 'it'\\''s \$(touch /pwned) `touch /pwned` \"q\" ; touch /pwned & \${HOME} \$HOME \\ * ~ # done' > /greeting\n") : dockerfile
assert dockerfile.contains("COPY <<'FACTORY_EOF_") : 'the delimiter must differ from the value\'s FACTORY_EOF line'

def image = new JsonSlurper().parse(new File(basedir, 'target/factory/builds/quoting/image.json'))
def ref = image.platforms[0].ref
try {
    // what the real shell and BuildKit made of it, read back with docker itself
    def cat = run(['docker', 'run', '--rm', ref, 'cat', '/greeting'])
    assert cat.code == 0 : "docker run failed: ${cat.err}"
    assert cat.out == greeting : "busybox sh wrote [${cat.out}] (${cat.out.length()} characters, ${greeting.length()} expected)"
    def env = run(['docker', 'run', '--rm', ref, 'sh', '-c', 'printf %s "$GREETING"'])
    assert env.out == greeting : "ENV GREETING is [${env.out}]"
    def label = run(['docker', 'image', 'inspect', '--format', '{{index .Config.Labels "dev.factory.it.greeting"}}', ref])
    assert label.out == greeting + '\n' : "the label is ${label.out}"
    def file = run(['docker', 'run', '--rm', ref, 'cat', '/etc/motd'])
    assert file.out == motd : "/etc/motd is:\n${file.out}"
    def pwned = run(['docker', 'run', '--rm', ref, 'ls', '/pwned'])
    assert pwned.code != 0 : 'a value ran as a command'
} finally {
    run(['docker', 'image', 'rm', '-f', ref, "${image.image}:latest".toString()])
}

// the tests of the same image: RE2 ends at once on the nested quantifier; the 1.0.0 file ran as written
assert log =~ /All \d+ smoke test\(s\) passed\./ : 'not every smoke test passed'
def nested = (log =~ /PASSED\s+a nested quantifier ends at once \(([0-9.]+) (ms|s)\)/)
assert nested.find() : 'the nested-quantifier test did not pass'
def ms = nested.group(2) == 'ms' ? nested.group(1).toDouble() : nested.group(1).toDouble() * 1000
assert ms < 5000 : "the nested-quantifier test took ${ms} ms (its container included)"
['v1 greeting', 'v1 exit code', 'v1 motd is there', 'v1 motd content'].each {
    assert log =~ /PASSED\s+${java.util.regex.Pattern.quote(it)} \(/ : "the 1.0.0 test '${it}' did not pass"
}
true
