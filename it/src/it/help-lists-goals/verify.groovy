// Every goal a user can type, each with its description line, as `factory:help` prints them. The list is
// written out here on purpose: a goal that disappears from the plugin (or from its help) fails this test.
def expected = ['bake', 'help', 'matrix', 'merge', 'publish', 'record', 'repack', 'report', 'sbom', 'sign', 'stitch',
                'test', 'verify-image']
def log = new File(basedir, 'build.log').text
def count = (log =~ /This plugin has (\d+) goals:/)
assert count.find() : 'help did not print the goal count'
// help prints each goal alone on its line, its description indented below it
def listed = (log =~ /(?m)^factory:([a-z-]+)$/).collect { it[1] }
assert listed.sort() == expected : "help lists ${listed.sort()}, expected ${expected}"
assert count.group(1) as int == expected.size()
expected.each { goal ->
    def at = log.indexOf("\nfactory:${goal}\n")
    def description = log.substring(at + 1).readLines()[1]
    assert description ==~ /  \S.*/ : "factory:${goal} has no description in help: '${description}'"
}
// and the descriptor Maven loads agrees: no goal is hidden from help
def jar = new File(localRepositoryPath, "dev/factory/factory-maven-plugin/${pluginVersion}/factory-maven-plugin-${pluginVersion}.jar")
def descriptor = new java.util.zip.ZipFile(jar).with { z -> z.getInputStream(z.getEntry('META-INF/maven/plugin.xml')).text }
def goals = (descriptor =~ /<goal>([a-z-]+)<\/goal>/).collect { it[1] }.sort()
assert goals == expected : "the plugin descriptor has ${goals}"
true
