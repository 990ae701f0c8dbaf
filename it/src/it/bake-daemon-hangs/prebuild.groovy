import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress
import java.nio.channels.ServerSocketChannel
import java.nio.file.Files
import java.nio.file.Paths

// A "daemon" that accepts connections and never says a word, as a hung dockerd does. It lives in this
// (the invoker's) JVM while the build runs in its own process; verify.groovy closes it.
def path = Paths.get('/tmp/factory-it-hung-engine.sock')
Files.deleteIfExists(path)
def server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
server.bind(UnixDomainSocketAddress.of(path))
def held = Collections.synchronizedList([])
Thread.startDaemon('factory-it-hung-engine') {
    try { while (true) { held << server.accept() } } catch (ignored) { }
}
System.properties['factory.it.hungEngine'] = server
true
