// A throwaway CNCF registry on a free loopback port, its storage under <project>/target/registry, for ITs that
// need a registry to fail in a given way. Load it from a hook script with
//   def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
// (ITs run from target/it/<name>; this folder has no pom, so it is not an IT itself).
// timeout(1) bounds the registry's life in case verify.groovy never runs (it passes SIGTERM on).
// With an htpasswd file (bcrypt, `htpasswd -B`) the registry asks every client for Basic credentials;
// RegistryAuth.java restarts a running one that way between two invoker steps.
[
    /**
     * Starts it (stopping one a cut-short run left) with extra storage config, and with htpasswd authentication when
     * an htpasswd file is given; returns 127.0.0.1:<port>.
     */
    start: { File basedir, String storageExtra = '', File htpasswd = null ->
        def state = new File(basedir, 'target/registry')
        def pidFile = new File(state, 'pid')
        if (pidFile.isFile()) {
            ProcessHandle.of(pidFile.text.trim() as long).ifPresent { h -> ([h] + h.descendants().toList()).each { it.destroy() } }
        }
        state.deleteDir()
        assert state.mkdirs()
        int port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
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
        def registry = new ProcessBuilder('timeout', '600', 'docker-registry', 'serve', config.absolutePath)
                .redirectErrorStream(true).redirectOutput(new File(state, 'registry.log')).start()
        pidFile.text = registry.pid() as String
        new File(state, 'port').text = port as String
        def up = false
        for (int i = 0; i < 60 && !up && registry.alive; i++) {
            try {
                // 401 is up as well: the registry asks for the credentials it was told to
                up = new URL("http://127.0.0.1:${port}/v2/").openConnection().responseCode in [200, 401]
            } catch (IOException notYet) {
                Thread.sleep(500)
            }
        }
        assert up : "the registry did not come up on 127.0.0.1:${port}: ${new File(state, 'registry.log').text}"
        "127.0.0.1:${port}".toString()
    },
    /** Stops it and its timeout(1), waits, and checks the port refuses connections; returns the pid it stopped. */
    stop: { File basedir ->
        def state = new File(basedir, 'target/registry')
        def pid = new File(state, 'pid').text.trim() as long
        ProcessHandle.of(pid).ifPresent { timeout ->
            def all = [timeout] + timeout.descendants().toList()
            all.each { it.destroy() }
            all.each { p ->
                try { p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS) } catch (Exception e) { p.destroyForcibly() }
            }
        }
        def port = new File(state, 'port').text.trim() as int
        try {
            new Socket('127.0.0.1', port).close()
            assert false : "127.0.0.1:${port} still takes connections"
        } catch (IOException refused) {
        }
        pid
    },
]
