// A throwaway CNCF registry on a free loopback port, its storage under <project>/target/registry, for ITs that
// need a registry to fail in a given way. Load it from a hook script with
//   def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
// (ITs run from target/it/<name>; this folder has no pom, so it is not an IT itself). LoopbackProcess.groovy starts
// and stops it. With an htpasswd file (bcrypt, `htpasswd -B`) the registry asks every client for Basic credentials;
// RegistryAuth.java restarts a running one that way between two invoker steps.
def server = { File basedir -> evaluate(new File(basedir, '../../../src/it/_lib/LoopbackProcess.groovy')) }
[
    /**
     * Starts it (stopping one a cut-short run left) with extra storage config, and with htpasswd authentication when
     * an htpasswd file is given; returns 127.0.0.1:<port>.
     */
    start: { File basedir, String storageExtra = '', File htpasswd = null ->
        def process = server(basedir)
        def (File state, int port) = process.prepare(basedir, 'registry')
        def config = new File(state, 'config.yml')
        config.text = """version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${new File(state, 'data').absolutePath}
${storageExtra}
http:
  addr: 127.0.0.1:${port}
${htpasswd == null ? '' : "auth:\n  htpasswd:\n    realm: factory-its\n    path: ${htpasswd.absolutePath}\n"}"""
        // 401 is up as well: the registry asks for the credentials it was told to
        process.launch(state, port, ['docker-registry', 'serve', config.absolutePath], 'registry.log', 60, 500) { p ->
            new URL("http://127.0.0.1:${p}/v2/").openConnection().responseCode in [200, 401]
        }
        "127.0.0.1:${port}".toString()
    },
    /** Stops it and its timeout(1), waits, and checks the port refuses connections; returns the pid it stopped. */
    stop: { File basedir -> server(basedir).stop(basedir, 'registry') },
]
