def host = System.getenv('FACTORY_LAB_CLASSIC_HOST') ?: 'unix:///run/factory-lab/classic.sock'
def p = ['docker', '-H', host, 'version', '--format', '{{.Server.Version}}'].execute(); p.waitFor()
assert p.exitValue() == 0 : "The lab's second engine (classic image store) does not answer at ${host}: run .ci/docker-lab.sh up (it starts it)."
true
