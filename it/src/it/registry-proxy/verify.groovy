// first of all, neither the registry nor the proxy may outlive the IT
def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
def (pid, registry, log, image) = its.finish(basedir).with { [pid, registry, log, image] }
def proxyLog = evaluate(new File(basedir, '../../../src/it/_lib/Tinyproxy.groovy')).stop(basedir)
def proxyPort = new File(basedir, 'target/proxy/port').text.trim()
def repo = "${registry}/registry-its/proxy"
assert image.pushed && image.image == repo
assert log.contains("Registry ${registry} (pid ${pid}) now asks for credentials")

def at = log.indexOf(':merge (default-cli) @ registry-proxy')
assert at > 0 : 'factory:merge did not run'
def step3 = log.substring(at)
assert (step3 =~ /Registry access: [^\n]*; proxy 'its-proxy' 127\.0\.0\.1:\Q${proxyPort}\E for http \(as user 'factory-proxy'\)/).size() == 1
assert !step3.contains("proxy 'inactive'") : 'an inactive proxy was taken'
assert step3 =~ /multi-arch \Q${repo}\E:latest = sha256:[0-9a-f]{64} \(linux\/amd64\)/
assert step3.contains("Pushed record app (linux/amd64) to ${repo}")
assert step3.contains('Records of app: looked at ')
assert !step3.contains('[ERROR]')

// the proxy's own log: each goal's requests to the registry went through it, after its credentials were asked for
def forwarded = { String method, String path -> proxyLog =~ /Request \(file descriptor \d+\): \Q${method} http:\/\/${registry}\/v2\/registry-its\/proxy\/${path}\E/ }
assert forwarded('PUT', 'manifests/latest').find() : "merge's PUT of the index did not go through the proxy:\n${proxyLog}"
assert forwarded('GET', 'manifests/latest-linux-amd64').find() : "merge's read of the platform image did not go through the proxy"
assert forwarded('POST', 'blobs/uploads/').find() : "record's upload did not go through the proxy"
assert forwarded('GET', 'referrers/sha256:').find() || forwarded('GET', 'manifests/sha256-').find() : "report's referrers read did not go through the proxy"
assert proxyLog.contains('Added basic auth user : factory-proxy')

// no secret in the log
its.assertClean(log, ['Reg1stry-s3cret-for-factory', 'Pr0xy-s3cret-for-factory',
        'rPepHZrJm4QHZqKCAyrraelfUb4tLC0nRk8dYX4JgOB8PXUvoPp0DcO9zOzvCIAj',
        't7WSi9yleUkH/54Wz7luwsqMt72vhd+BBHKBfkr3wPHuFIdBh3LHwIeLeLhcmMET', 'factory-it-master'])
true
