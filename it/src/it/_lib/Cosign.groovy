// The lab's real cosign ($FACTORY_LAB_COSIGN, cosign 3.1.1 from Debian testing) for the sign-* ITs: it makes their key
// pairs (never committed) and is the verifier that Factory's signatures must satisfy. Load it from a hook script with
//   def cosign = evaluate(new File(basedir, '../../../src/it/_lib/Cosign.groovy'))
// Offline, cosign verifies key-based signatures only with --insecure-ignore-tlog=true (there is no transparency log).
def executable = {
    def path = System.getenv('FACTORY_LAB_COSIGN')
    assert path : 'FACTORY_LAB_COSIGN is not set: the sign-* ITs check Factory\'s signatures with the real cosign. ' +
            'Run ../shared/lab/current-tools.sh up, then eval "$(../shared/lab/current-tools.sh env)" and ' +
            'export FACTORY_LAB_COSIGN before ./mvnw verify.'
    assert new File(path).canExecute() : "FACTORY_LAB_COSIGN is ${path}, which is not an executable: run ../shared/lab/current-tools.sh up"
    path
}
def run = { List<String> args, Map<String, String> env = [:] ->
    def pb = new ProcessBuilder([executable()] + args).redirectErrorStream(true)
    pb.environment().putAll(env)
    def p = pb.start()
    p.outputStream.close()
    def out = p.inputStream.text
    assert p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) : "cosign ${args} did not finish"
    [exit: p.exitValue(), out: out]
}
[
    run: run,
    /** cosign generate-key-pair: <dir>/<name>.key (encrypted with the password) and <dir>/<name>.pub. */
    keyPair: { File dir, String name, String password ->
        dir.mkdirs()
        new File(dir, "${name}.key").delete()
        new File(dir, "${name}.pub").delete()
        def r = run(['generate-key-pair', '--output-key-prefix', new File(dir, name).absolutePath], [COSIGN_PASSWORD: password])
        assert r.exit == 0 && new File(dir, "${name}.key").isFile() : "cosign generate-key-pair failed: ${r.out}"
        new File(dir, "${name}.key")
    },
    /** cosign verify --key, offline: returns [exit, out]. */
    verify: { File pub, String ref ->
        run(['verify', '--key', pub.absolutePath, '--insecure-ignore-tlog=true', '--allow-insecure-registry', ref])
    },
    /** cosign verify-attestation --key --type, offline: returns [exit, out]. */
    verifyAttestation: { File pub, String type, String ref ->
        run(['verify-attestation', '--key', pub.absolutePath, '--type', type, '--insecure-ignore-tlog=true',
             '--allow-insecure-registry', ref])
    },
]
