// A throwaway HTTP proxy (tinyproxy, from Debian) on a free loopback port, with Basic proxy authentication, its
// config, log and pid under <project>/target/proxy. Load it from a hook script with
//   def proxy = evaluate(new File(basedir, '../../../src/it/_lib/Tinyproxy.groovy'))
// LoopbackProcess.groovy starts and stops it; verify.groovy stops it and checks the port is closed.
// Its log names every request it forwarded ("Request (file descriptor N): GET http://..."), which is what proves
// that traffic went through it.
def server = { File basedir -> evaluate(new File(basedir, '../../../src/it/_lib/LoopbackProcess.groovy')) }
[
    /** Starts it (stopping one a cut-short run left); returns its port. */
    start: { File basedir, String user, String password ->
        def process = server(basedir)
        def (File state, int port) = process.prepare(basedir, 'proxy')
        def tinyproxy = ['sh', '-c', 'command -v tinyproxy'].execute().text.trim()
        assert tinyproxy : 'tinyproxy is not installed: apt-get install tinyproxy-bin (the lab, .ci/docker-lab.sh up, installs it)'
        def config = new File(state, 'tinyproxy.conf')
        config.text = """Port ${port}
Listen 127.0.0.1
Allow 127.0.0.1
Timeout 60
MaxClients 20
LogFile "${new File(state, 'tinyproxy.log').absolutePath}"
LogLevel Info
BasicAuth ${user} ${password}
DisableViaHeader Yes
"""
        // -d: stay in the foreground, so that timeout(1) and verify.groovy hold the process itself
        process.launch(state, port, [tinyproxy, '-d', '-c', config.absolutePath], 'tinyproxy.out', 40, 250) { p ->
            new Socket('127.0.0.1', p).close()
            true
        }
        port
    },
    /** Stops it and its timeout(1), waits, and checks the port refuses connections; returns its log. */
    stop: { File basedir ->
        server(basedir).stop(basedir, 'proxy')
        new File(basedir, 'target/proxy/tinyproxy.log').text
    },
]
