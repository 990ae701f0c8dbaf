// A pass-through HTTP proxy on a free loopback port in front of a real registry, refusing only the manifest
// pushes (PUT /v2/<name>/manifests/<tag>) whose tag matches a pattern, with a registry error (403 DENIED), as a
// registry with tag rules (immutable or protected tags) answers. Everything else is forwarded as it is; blob uploads
// continue on the registry itself (its Location headers name its own address). Like a plain-HTTP registry, it answers
// a TLS hello with an HTTP 400, so that clients fall back to HTTP at once (BuildKit tries HTTPS first). It runs in the
// Invoker's JVM, on daemon threads, and stops after 10 minutes if verify.groovy never stops it. Load it from a hook
// script with
//   def proxy = evaluate(new File(basedir, '../../../src/it/_lib/RefusingRegistryProxy.groovy'))
import com.sun.net.httpserver.HttpServer
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

[
    /** Starts it in front of {@code backend} (host:port); returns 127.0.0.1:<port>. Refused requests go to target/proxy-refused.log. */
    start: { File basedir, String backend, String refusedTagPattern ->
        def refusedLog = new File(basedir, 'target/proxy-refused.log'); refusedLog.parentFile.mkdirs(); refusedLog.text = ''
        def client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        def server = HttpServer.create(new InetSocketAddress(InetAddress.getByName('127.0.0.1'), 0), 64)
        def restricted = ['connection', 'content-length', 'host', 'expect', 'upgrade', 'transfer-encoding'] as Set
        server.createContext('/') { exchange ->
            try {
                def path = exchange.requestURI.rawPath
                def m = path =~ /^\/v2\/(.+)\/manifests\/([^\/]+)$/
                if (exchange.requestMethod == 'PUT' && m.matches() && m.group(2) ==~ refusedTagPattern) {
                    refusedLog << "PUT ${path}\n"
                    exchange.requestBody.transferTo(OutputStream.nullOutputStream())
                    def body = """{"errors":[{"code":"DENIED","message":"tag ${m.group(2)} is protected in this registry"}]}""".getBytes('UTF-8')
                    exchange.responseHeaders.add('Content-Type', 'application/json')
                    exchange.sendResponseHeaders(403, body.length)
                    exchange.responseBody.withCloseable { it.write(body) }
                    return
                }
                def target = URI.create("http://${backend}${exchange.requestURI.rawPath}${exchange.requestURI.rawQuery ? '?' + exchange.requestURI.rawQuery : ''}")
                def body = exchange.requestBody.bytes
                def builder = HttpRequest.newBuilder(target).method(exchange.requestMethod,
                        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                exchange.requestHeaders.each { k, vs -> if (!restricted.contains(k.toLowerCase())) { vs.each { v -> builder.header(k, v) } } }
                def response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                response.headers().map().each { k, vs ->
                    if (!restricted.contains(k.toLowerCase()) && k != ':status') { vs.each { v -> exchange.responseHeaders.add(k, v) } }
                }
                def out = response.body()
                def head = exchange.requestMethod == 'HEAD' || response.statusCode() == 204 || response.statusCode() == 304
                if (head) {
                    def length = response.headers().firstValue('Content-Length').orElse(null)
                    if (length != null) { exchange.responseHeaders.set('Content-Length', length) }
                    exchange.sendResponseHeaders(response.statusCode(), -1)
                    exchange.close()
                } else {
                    exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length)
                    exchange.responseBody.withCloseable { it.write(out) }
                }
            } catch (Throwable t) {
                try { exchange.sendResponseHeaders(502, -1); exchange.close() } catch (Throwable ignored) { }
            }
        }
        def daemon = { String name -> { Runnable r -> def t = new Thread(r, name); t.daemon = true; t } as java.util.concurrent.ThreadFactory }
        server.executor = java.util.concurrent.Executors.newFixedThreadPool(8, daemon('it-registry-proxy'))
        server.start()
        // the front door: a TLS hello gets what a plain-HTTP server answers; anything else is relayed to the proxy
        def front = new ServerSocket(0, 64, InetAddress.getByName('127.0.0.1'))
        def relay = java.util.concurrent.Executors.newCachedThreadPool(daemon('it-registry-proxy-relay'))
        def pump = { InputStream from, OutputStream to -> relay.submit { try { from.transferTo(to) } catch (IOException ignored) { } finally { try { to.close() } catch (IOException ignored) { } } } }
        relay.submit {
            while (!front.closed) {
                try {
                    def peer = front.accept()
                    relay.submit {
                        def first = peer.inputStream.read()
                        if (first == 0x16) {
                            peer.outputStream.write('HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n'.getBytes('US-ASCII'))
                            peer.close()
                        } else if (first >= 0) {
                            def inner = new Socket('127.0.0.1', server.address.port)
                            inner.outputStream.write(first)
                            pump(peer.inputStream, inner.outputStream)
                            pump(inner.inputStream, peer.outputStream)
                        } else {
                            peer.close()
                        }
                    }
                } catch (IOException closed) { }
            }
        }
        def stop = { front.close(); server.stop(0); relay.shutdownNow() }
        // stops by itself
        def timer = new Thread({ Thread.sleep(600_000); stop() }, 'it-registry-proxy-timer'); timer.daemon = true; timer.start()
        new File(basedir, 'target/proxy-port').text = front.localPort as String
        System.properties['factory.it.proxy.' + front.localPort] = stop
        "127.0.0.1:${front.localPort}".toString()
    },
    /** Stops the proxy this project started. */
    stop: { File basedir ->
        def port = new File(basedir, 'target/proxy-port').text.trim()
        def stop = System.properties.remove('factory.it.proxy.' + port)
        stop?.call()
    },
]
