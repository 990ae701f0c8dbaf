// buildx older than 0.13, for real: none can be installed here (Debian has 0.13.1 only; GitHub is out of
// reach), so this copies the machine's own buildx plugin into a Docker config folder of this project, where
// the docker CLI prefers it over the system one, with its version stamp changed to 0.12 (same length; the
// program is otherwise the same bytes). The CLI's plugin metadata and `docker buildx version` both report it.
def run = { List<String> argv -> def p = argv.execute(); def o = new StringBuilder(); def e = new StringBuilder(); p.waitForProcessOutput(o, e); assert p.exitValue() == 0 : "${argv}: ${e}"; o.toString().trim() }
// the buildx of the toolchain under test (today's, or the floor's in the floor run)
def home = dockerConfig
def plugin = ["${home}/cli-plugins", '/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins',
              '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'].collect { new File(it, 'docker-buildx') }.find { it.canExecute() }
assert plugin : 'no buildx plugin found to copy'
def version = run([plugin.path, 'version']).split(/\s+/)[1]   // the plugin run alone: e.g. 0.13.1+ds1 or v0.29.1
def old = version.replaceFirst(/^(v?)\d+\.\d+/, { all, v -> v + '0.12' })
assert old.length() == version.length() && old != version : "cannot relabel buildx ${version} as 0.12 with the same length"
// ISO-8859-1 maps every byte to one char and back, so this is a byte-for-byte replacement
def text = new String(plugin.bytes, 'ISO-8859-1')
assert text.contains(version) : "the version ${version} is not in ${plugin}"
def bytes = text.replace(version, old).getBytes('ISO-8859-1')
def dir = new File(basedir, 'target/docker-config/cli-plugins'); dir.mkdirs()
def copy = new File(dir, 'docker-buildx'); copy.bytes = bytes; copy.setExecutable(true)
new File(basedir, 'target/old-buildx-version.txt').text = old.replaceFirst(/^v/, '')
true
