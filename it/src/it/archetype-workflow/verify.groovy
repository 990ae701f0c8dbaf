// Runs the generated service's GitHub workflow here, as GitHub would on a push to main, and checks what it left.
//
// Every `run:` step runs as written, with bash as GitHub runs it (bash --noprofile --norc -eo pipefail). The `uses:`
// steps are stood in for by what they do on a runner: a fresh copy of the project per job (checkout), a
// docker-container builder made the way docker/setup-buildx-action makes one (here on the lab's BuildKit image and the
// host network, since there is no Docker Hub and the registry is on 127.0.0.1), artifacts copied between jobs. The
// few expressions the workflow uses are known by their text below: a workflow change that adds one fails here, naming
// it, rather than being guessed at. Out of reach here: GitHub's hosted runners themselves, the arm64 runner (its jobs
// run on this amd64 machine through QEMU), ghcr.io (the lab registry stands in, through the REGISTRY variable), and
// keyless signing (no OIDC token, Fulcio or Rekor here): the sign steps run with a cosign key pair made by the real
// cosign in its place (-Dfactory.sign.keyless=true becomes -Dfactory.sign.key=...), and the real cosign verifies.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import groovy.yaml.YamlSlurper

def project = new File(basedir, 'generated/orders-api')
assert new File(project, 'pom.xml').isFile() : 'the archetype generated nothing'
def workflow = new YamlSlurper().parse(new File(project, '.github/workflows/factory.yml'))
// CI time: the plan's second variant (JRE 21 on Debian 13) is left out, so the matrix is one variant on two
// architectures (the arm64 job installs a JRE under QEMU, ~5 min cold); its jobs have the same shape. The amd64 job
// finds its layers in the registry cache the archetype module's IT exports (goal.txt there names the same repository).
def plan = new File(project, 'src/main/factory/plans/jre.yaml')
assert plan.text.contains('  - {base: debian:trixie-slim, core.version: "17"}\n')
plan.text = plan.text.replace('  - {base: debian:trixie-slim, core.version: "17"}\n',
        '  - {base: debian:trixie-slim, core.version: "17"}\n  - {base: debian:trixie-slim, core.version: "21"}\n')
def work = new File(basedir, 'workflow'); work.deleteDir(); work.mkdirs()
def artifacts = new File(work, 'artifacts'); artifacts.mkdirs()
def log = new File(basedir, 'workflow.log'); log.text = ''
def say = { String line -> log << line << '\n'; println "[workflow] ${line}" }

// ---- the runner's machine: a Docker config of its own (setup-buildx-action's `use` must not change the lab's) ----
def runnerConfig = new File(work, 'docker-config'); new File(runnerConfig, 'cli-plugins').mkdirs()
def toolchainPlugin = new File(dockerConfig, 'cli-plugins/docker-buildx')
if (toolchainPlugin.exists()) {
    java.nio.file.Files.createSymbolicLink(new File(runnerConfig, 'cli-plugins/docker-buildx').toPath(), toolchainPlugin.canonicalFile.toPath())
}
def labConfig = new File(dockerConfig, 'config.json')
new File(runnerConfig, 'config.json').text = labConfig.isFile() ? labConfig.text : '{}'
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
// the key that stands in for the keyless identity, made by the real cosign
def cosign = System.getenv('FACTORY_LAB_COSIGN')
assert cosign : 'FACTORY_LAB_COSIGN (cosign 3) comes from the lab: eval "$(.ci/docker-lab.sh env)"'
def keys = new File(work, 'keys'); keys.mkdirs()
def keygen = new ProcessBuilder(cosign, 'generate-key-pair').directory(keys).redirectErrorStream(true)
keygen.environment().put('COSIGN_PASSWORD', 'it-archetype-workflow')
def kp = keygen.start(); def kout = kp.inputStream.text; kp.waitFor()
assert kp.exitValue() == 0 && new File(keys, 'cosign.key').isFile() : "cosign generate-key-pair: ${kout}"
def baseEnv = [
    PATH: System.getenv('PATH'), HOME: System.getProperty('user.home'), LANG: 'C.UTF-8', JAVA_HOME: System.getProperty('java.home'),
    DOCKER_CONFIG: runnerConfig.path, CI: 'true', GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_REPOSITORY: 'it-archetype-workflow/orders-api',
    GITHUB_RUN_ID: '1', GITHUB_SERVER_URL: 'http://localhost', GITHUB_ACTOR: 'factory-it',
    // ./mvnw (Maven 3.9) reads MAVEN_ARGS: the plugin under test lives in the ITs' own local repository, and the
    // bases come from the lab registry (Docker Hub is out of reach here)
    MAVEN_ARGS: "-s ${settings.path} -Dmaven.repo.local=${localRepositoryPath} -Dfactory.mirror=${labMirror}".toString(),
]

// a folder copied as a checkout or an artifact copies it (files keep their executable bit)
def copyTree = { File from, File to, Closure<Boolean> keep ->
    def root = from.toPath()
    java.nio.file.Files.walk(root).withCloseable { paths ->
        paths.forEach { p ->
            def rel = root.relativize(p).toString()
            if (!rel || !keep(rel)) { return }
            def target = to.toPath().resolve(rel)
            if (java.nio.file.Files.isDirectory(p)) { java.nio.file.Files.createDirectories(target) }
            else { java.nio.file.Files.createDirectories(target.parent); java.nio.file.Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.StandardCopyOption.REPLACE_EXISTING) }
        }
    }
}

def sh = { File dir, String script, Map<String, String> env, String label ->
    def file = File.createTempFile('step', '.sh', work); file.text = script
    def pb = new ProcessBuilder('bash', '--noprofile', '--norc', '-eo', 'pipefail', file.path).directory(dir).redirectErrorStream(true)
    pb.environment().clear(); pb.environment().putAll(env.findAll { k, v -> v != null })
    def started = System.nanoTime()
    def p = pb.start()
    new File(work, "${label.replaceAll(/[^A-Za-z0-9._-]/, '_')}.log").withOutputStream { out -> p.inputStream.eachLine { l -> out << l << '\n' } }
    p.waitFor()
    say(String.format('%-60s exit %d (%.0f s)', label, p.exitValue(), (System.nanoTime() - started) / 1e9))
    p.exitValue()
}

// ---- the expressions this workflow uses, by their text, for a push to main ----
def known = { String expr, Map ctx ->
    def e = expr.trim()
    def m = e =~ /^matrix\.(\w+)$/
    if (m.matches()) { return ctx.matrix[m.group(1)] }
    m = e =~ /^needs\.(\w+)\.outputs\.(\w+)$/
    if (m.matches()) { return ctx.outputs[m.group(1)][m.group(2)] }
    m = e =~ /^secrets\.(\w+)$/
    if (m.matches()) { return 'unused-here' }
    switch (e) {
        case 'github.ref': return 'refs/heads/main'
        case 'github.actor': return 'factory-it'
        case 'github.repository': return baseEnv.GITHUB_REPOSITORY
        case "github.event_name == 'push' && github.ref == 'refs/heads/main'": return 'true'
        case "github.ref != 'refs/heads/main'": return 'false'
        case "github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository": return 'true'
        case "github.event_name == 'pull_request'": return 'false'
        case "needs.matrix.outputs.count != '0'": return ctx.outputs.matrix?.count != '0' ? 'true' : 'false'
        case "env.REGISTRY_LOGIN == 'true'": return ctx.env.REGISTRY_LOGIN == 'true' ? 'true' : 'false'
        case 'always()': return 'true'
        case "always() && needs.matrix.result == 'success'": return ctx.outputs.matrix != null ? 'true' : 'false'
        case 'fromJSON(needs.matrix.outputs.matrix)': return ctx.outputs.matrix.matrix
        case "github.event_name == 'push' && github.ref == 'refs/heads/main' && matrix.platform == 'linux/amd64'": return ctx.matrix.platform == 'linux/amd64' ? 'true' : 'false'
    }
    throw new AssertionError("The workflow uses an expression this IT does not know: \${{ ${e} }}. Teach it to verify.groovy (archetype-workflow) with its value on a push to main.")
}
def expand = { String text, Map ctx -> text == null ? null : text.replaceAll(/\$\{\{(.+?)\}\}/) { all, expr -> String.valueOf(known(expr, ctx)) } }
def condition = { Object cond, Map ctx ->
    if (cond == null) { return true }
    def c = cond.toString().trim()
    def bare = c.startsWith('${{') ? c.substring(3, c.length() - 2) : c
    known(bare, ctx) == 'true'
}

// ---- one job: a fresh checkout, its env, its steps ----
def outputs = [:]
def builders = []
def runJob = { String id, Map job, Map matrix ->
    def label = matrix ? "${id} ${matrix.build} ${matrix.platform}" : id
    def ctx = [matrix: matrix ?: [:], outputs: outputs, env: [:]]
    if (!condition(job.if, ctx)) { say("${label}: skipped (if: ${job.if})"); return [skipped: true] }
    def dir = new File(work, "jobs/${label.replace(' ', '_').replace('/', '-')}")
    def env = new LinkedHashMap(baseEnv)
    (workflow.env ?: [:]).each { k, v -> env[k] = expand(v.toString(), ctx) }
    assert env.REGISTRY == 'ghcr.io' : "the workflow's REGISTRY is ${env.REGISTRY}"
    env.REGISTRY = labRegistry  // ghcr.io stands in as the lab registry
    (job.env ?: [:]).each { k, v -> env[k] = expand(v.toString(), ctx) }
    ctx.env = env
    def output = new File(work, "${dir.name}.output"); output.text = ''
    env.GITHUB_OUTPUT = output.path
    env.GITHUB_STEP_SUMMARY = new File(work, 'step-summary.md').path
    env.RUNNER_ARCH = matrix?.arch == 'arm64' ? 'ARM64' : 'X64'
    def stepOutputs = [:]
    def failed = false
    job.steps.eachWithIndex { step, i ->
        def name = "${label} / ${step.name ?: step.uses ?: "step ${i}"}"
        if (failed && !(step.if?.toString()?.contains('always()'))) { say("${name}: skipped (an earlier step failed)"); return }
        if (!condition(step.if, ctx)) { say("${name}: skipped (if: ${step.if})"); return }
        def stepEnv = new LinkedHashMap(env)
        (step.env ?: [:]).each { k, v -> stepEnv[k] = expand(v.toString(), ctx) }
        if (step.uses) {
            def action = step.uses.replaceFirst(/@.*/, '')
            switch (action) {
                case 'actions/checkout':
                    dir.deleteDir(); dir.mkdirs()
                    copyTree(project, dir) { String rel -> !(rel == 'target' || rel.startsWith('target/') || rel == 'build.log') }
                    break
                case 'actions/setup-java':
                    break  // JDK 17 is this machine's
                case 'docker/setup-buildx-action':
                    // what the action does: a docker-container builder of its own, used from now on, bootstrapped
                    def name2 = "builder-${UUID.randomUUID()}"
                    builders << name2
                    def create = "docker buildx create --name ${name2} --driver docker-container --driver-opt image=${System.getenv('FACTORY_LAB_BUILDKIT_IMAGE')} --driver-opt network=host --buildkitd-flags '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host' --use\ndocker buildx inspect --bootstrap --builder ${name2}\n"
                    assert sh(dir, create, env, "${name} (buildx create)") == 0 : "setup-buildx-action's builder could not be created; see ${work}"
                    break
                case 'docker/login-action':
                    break  // the lab registry needs no login
                case 'sigstore/cosign-installer':
                    break  // Factory signs with a key on its own; the lab's cosign verifies below
                case 'actions/upload-artifact':
                    def into = new File(artifacts, expand(step.with.name, ctx)); into.mkdirs()
                    step.with.path.readLines()*.trim().findAll { it }.each { pattern ->
                        def rel = pattern.replaceAll(/\/$/, '')
                        def src = new File(dir, rel)
                        // upload-artifact keeps paths below their least common ancestor (target/ here)
                        def dest = new File(into, rel.replaceFirst(/^target\//, ''))
                        if (src.isDirectory()) { copyTree(src, dest) { true } }
                        else if (rel.contains('*')) {
                            def parent = new File(dir, rel.substring(0, rel.lastIndexOf('/')))
                            def glob = rel.substring(rel.lastIndexOf('/') + 1).replace('.', '\\.').replace('*', '[^/]*')
                            if (parent.isDirectory()) { copyTree(parent, dest.parentFile) { String r -> !r.contains('/') && r ==~ glob } }
                        } else if (src.isFile()) { dest.parentFile.mkdirs(); dest.bytes = src.bytes }
                    }
                    break
                case 'actions/download-artifact':
                    dir.mkdirs()
                    def to = new File(dir, step.with.path); to.mkdirs()
                    if (step.with.name) {
                        // one artifact by name: its files go straight into the path
                        def one = new File(artifacts, expand(step.with.name, ctx))
                        assert one.isDirectory() : "no artifact ${one.name} was uploaded (${name})"
                        copyTree(one, to) { true }
                    } else {
                        // by pattern: each artifact into a folder of its name
                        def glob = step.with.pattern.replace('*', '.*')
                        artifacts.listFiles().findAll { it.name ==~ glob }.each { a -> copyTree(a, new File(to, a.name)) { true } }
                    }
                    break
                default:
                    throw new AssertionError("The workflow uses an action this IT cannot stand in for: ${step.uses} (${name}). Teach it to verify.groovy.")
            }
            return
        }
        def script = expand(step.run, ctx)
        if (script.contains('-Dfactory.sign.keyless=true')) {
            // keyless signing cannot run here: the key pair made above stands in for the workflow's OIDC identity
            script = script.replace('-Dfactory.sign.keyless=true', "-Dfactory.sign.key=${new File(keys, 'cosign.key').path}")
            stepEnv.COSIGN_PASSWORD = 'it-archetype-workflow'
        }
        def code = sh(dir, script, stepEnv, name)
        if (code != 0) { failed = true }
        if (step.id) {
            // GITHUB_OUTPUT: name=value lines, and name<<DELIMITER ... DELIMITER blocks
            def values = [:]
            def lines = output.readLines()
            for (int at = 0; at < lines.size(); at++) {
                def l = lines[at]
                def heredoc = l =~ /^([A-Za-z_][\w-]*)<<(.+)$/
                if (heredoc.matches()) {
                    def end = lines.findIndexOf(at + 1) { it == heredoc.group(2) }
                    assert end > at : "unterminated ${heredoc.group(1)} in GITHUB_OUTPUT of ${name}"
                    values[heredoc.group(1)] = lines.subList(at + 1, end).join('\n')
                    at = end
                } else if (l.indexOf('=') > 0) {
                    values[l.substring(0, l.indexOf('='))] = l.substring(l.indexOf('=') + 1)
                }
            }
            stepOutputs[step.id] = values
        }
    }
    def jobOutputs = [:]
    (job.outputs ?: [:]).each { k, v ->
        def m = v =~ /\$\{\{\s*steps\.(\w+)\.outputs\.(\w+)\s*\}\}/
        assert m.matches() : "job output ${k}: ${v}"
        jobOutputs[k] = stepOutputs[m.group(1)]?.get(m.group(2))
    }
    [failed: failed, outputs: jobOutputs, dir: dir]
}

def results = [:]
try {
    assert workflow.jobs.keySet() as List == ['matrix', 'build', 'sign', 'merge', 'report'] : "jobs: ${workflow.jobs.keySet()}"
    def m = runJob('matrix', workflow.jobs.matrix, null)
    assert !m.failed && m.outputs.matrix : 'the matrix job failed or gave no matrix'
    outputs.matrix = m.outputs
    def matrix = new JsonSlurper().parseText(m.outputs.matrix)
    // a push to main builds every variant (only pull requests ask for the changed ones): the full matrix, and its count
    assert m.outputs.count == String.valueOf(matrix.include.size()) : "count ${m.outputs.count} for ${matrix.include.size()} jobs"
    assert workflow.jobs.build.strategy.matrix.toString().contains('fromJSON(needs.matrix.outputs.matrix)')
    matrix.include.each { entry -> results["build ${entry.build} ${entry.platform}"] = runJob('build', workflow.jobs.build, entry) }
    matrix.include.each { entry -> results["sign ${entry.build} ${entry.platform}"] = runJob('sign', workflow.jobs.sign, entry) }
    results.merge = runJob('merge', workflow.jobs.merge, null)
    results.report = runJob('report', workflow.jobs.report, null)

    // ---- what the run left ----
    results.each { k, r -> assert !r.skipped && !r.failed : "job ${k} failed: see ${work}/*.log" }
    assert matrix.include.collect { "${it.build} ${it.platform}".toString() } == [
        'orders-api-debian-bookworm-slim-17 linux/amd64', 'orders-api-debian-bookworm-slim-17 linux/arm64']
    // each build job built its one variant on its platform, on the builder setup-buildx-action made, and pushed it
    matrix.include.each { entry ->
        def dir = results["build ${entry.build} ${entry.platform}"].dir
        def image = new JsonSlurper().parse(new File(dir, "target/factory/builds/${entry.build}/image.json"))
        assert image.pushed && image.platforms*.platform == [entry.platform] && image.platforms[0].status == 'built'
        assert image.platforms[0].built_by ==~ /builder-[0-9a-f-]+\/builder-[0-9a-f-]+0/ : "built by ${image.platforms[0].built_by}"
        def smoke = new JsonSlurper().parse(new File(dir, "target/factory/builds/${entry.build}/smoke.json"))
        assert smoke.status == 'pass' : "${entry.build} ${entry.platform}: ${smoke.status}"
        def failsafe = new File(dir, 'target/failsafe-reports/TEST-com.example.ServiceIT.xml')
        assert failsafe.isFile() && failsafe.text.contains('failures="0"') && failsafe.text.contains('errors="0"') : "ServiceIT of ${entry.build} ${entry.platform}"
    }
    // the merge job joined both architectures of each variant into one multi-arch tag in the registry
    ['debian-bookworm-slim-17'].each { tag ->
        def conn = new URL("http://${labRegistry}/v2/it-archetype-workflow/orders-api/manifests/${tag}").openConnection()
        conn.setRequestProperty('Accept', 'application/vnd.oci.image.index.v1+json')
        def archs = new JsonSlurper().parse(conn.inputStream).manifests.findAll { it.platform?.os == 'linux' }*.platform*.architecture
        assert archs.sort() == ['amd64', 'arm64'] : "${tag}: ${archs}"
    }
    // the sign jobs and the merge job signed every image and multi-arch tag: the real cosign accepts them
    def cosignVerify = { String ref ->
        def p = new ProcessBuilder(cosign, 'verify', '--key', new File(keys, 'cosign.pub').path, '--insecure-ignore-tlog=true',
                '--allow-insecure-registry', ref).redirectErrorStream(true).start()
        def out = p.inputStream.text; p.waitFor()
        assert p.exitValue() == 0 : "cosign verify ${ref}: ${out}"
    }
    ['debian-bookworm-slim-17'].each { tag ->
        cosignVerify("${labRegistry}/it-archetype-workflow/orders-api:${tag}")
        ['linux-amd64', 'linux-arm64'].each { p -> cosignVerify("${labRegistry}/it-archetype-workflow/orders-api:${tag}-${p}") }
    }
    // the report job wrote every job's result into the run's summary
    def summary = new File(work, 'step-summary.md').text
    matrix.include.each { e -> assert summary =~ /\| `${e.build}` \| ${e.platform} \| .* \| \d+ passed, 0 failed, 0 errors \| pass \|/ : "summary row of ${e.build} ${e.platform}:\n${summary}" }
} finally {
    builders.each { b ->
        def pb = new ProcessBuilder('docker', 'buildx', 'rm', b).redirectErrorStream(true)
        pb.environment().put('DOCKER_CONFIG', runnerConfig.path)
        def p = pb.start(); p.inputStream.text; p.waitFor()
    }
}
true
