// What the ITs' throwaway servers (ThrowawayRegistry.groovy, Tinyproxy.groovy) share: a state folder
// <project>/target/<name> holding the pid, port and logs; a free port on 127.0.0.1; the process started under
// timeout(1), so that it stops by itself if verify.groovy never runs; and a stop that waits and checks the port is
// closed. Load it with
//   def server = evaluate(new File(basedir, '../../../src/it/_lib/LoopbackProcess.groovy'))
[
    /** Stops what a cut-short run left in target/<name>, empties that folder, and returns [state folder, free port]. */
    prepare: { File basedir, String name ->
        def state = new File(basedir, "target/${name}")
        def pidFile = new File(state, 'pid')
        if (pidFile.isFile()) {
            ProcessHandle.of(pidFile.text.trim() as long).ifPresent { h -> ([h] + h.descendants().toList()).each { it.destroy() } }
        }
        state.deleteDir()
        assert state.mkdirs()
        int port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
        [state, port]
    },
    /**
     * Runs argv for at most 10 minutes, its output in state/<output>, and polls up(port) (true when it answers,
     * IOException while it does not yet) every pollMillis, at most tries times; fails naming what did not come up.
     */
    launch: { File state, int port, List<String> argv, String output, int tries, long pollMillis, Closure up ->
        def process = new ProcessBuilder(['timeout', '600'] + argv).redirectErrorStream(true)
                .redirectOutput(new File(state, output)).start()
        new File(state, 'pid').text = process.pid() as String
        new File(state, 'port').text = port as String
        def answered = false
        for (int i = 0; i < tries && !answered && process.alive; i++) {
            try {
                answered = up(port)
            } catch (IOException notYet) {
            }
            if (!answered) {
                Thread.sleep(pollMillis)
            }
        }
        assert answered : "${argv[0]} did not come up on 127.0.0.1:${port}: ${new File(state, output).text}"
    },
    /** Stops the process of target/<name> and its timeout(1), waits, and checks the port refuses connections; returns the pid. */
    stop: { File basedir, String name ->
        def state = new File(basedir, "target/${name}")
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
