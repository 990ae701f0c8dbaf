// A throwaway HTTP proxy (tinyproxy, from Debian) on a free loopback port, with Basic proxy authentication, its
// config, log and pid under <project>/target/proxy. Load it from a hook script with
//   def proxy = evaluate(new File(basedir, '../../../src/it/_lib/Tinyproxy.groovy'))
// timeout(1) bounds its life in case verify.groovy never runs; verify.groovy stops it and checks the port is closed.
// Its log names every request it forwarded ("Request (file descriptor N): GET http://..."), which is what proves
// that traffic went through it.
[
    /** Starts it (stopping one a cut-short run left); returns its port. */
    start: { File basedir, String user, String password ->
        def state = new File(basedir, 'target/proxy')
        def pidFile = new File(state, 'pid')
        if (pidFile.isFile()) {
            ProcessHandle.of(pidFile.text.trim() as long).ifPresent { h -> ([h] + h.descendants().toList()).each { it.destroy() } }
        }
        state.deleteDir()
        assert state.mkdirs()
        def tinyproxy = ['sh', '-c', 'command -v tinyproxy'].execute().text.trim()
        assert tinyproxy : 'tinyproxy is not installed: apt-get install tinyproxy-bin (the lab, .ci/docker-lab.sh up, installs it)'
        int port = new ServerSocket(0, 1, InetAddress.getByName('127.0.0.1')).withCloseable { it.localPort }
        def log = new File(state, 'tinyproxy.log')
        def config = new File(state, 'tinyproxy.conf')
        config.text = """Port ${port}
Listen 127.0.0.1
Allow 127.0.0.1
Timeout 60
MaxClients 20
LogFile "${log.absolutePath}"
LogLevel Info
BasicAuth ${user} ${password}
DisableViaHeader Yes
"""
        // -d: stay in the foreground, so that timeout(1) and verify.groovy hold the process itself
        def proxy = new ProcessBuilder('timeout', '600', tinyproxy, '-d', '-c', config.absolutePath)
                .redirectErrorStream(true).redirectOutput(new File(state, 'tinyproxy.out')).start()
        pidFile.text = proxy.pid() as String
        new File(state, 'port').text = port as String
        def up = false
        for (int i = 0; i < 40 && !up && proxy.alive; i++) {
            try {
                new Socket('127.0.0.1', port).close()
                up = true
            } catch (IOException notYet) {
                Thread.sleep(250)
            }
        }
        assert up : "tinyproxy did not come up on 127.0.0.1:${port}: ${new File(state, 'tinyproxy.out').text}"
        port
    },
    /** Stops it and its timeout(1), waits, and checks the port refuses connections; returns its log. */
    stop: { File basedir ->
        def state = new File(basedir, 'target/proxy')
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
        new File(state, 'tinyproxy.log').text
    },
]
