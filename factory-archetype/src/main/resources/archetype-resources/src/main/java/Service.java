package ${package};

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ${artifactId} HTTP service, on the JDK's own HTTP server (no framework).
 *
 * <p>It listens on port 8080 (or {@code PORT}); the container image's healthcheck and the smoke
 * tests call {@code GET /health}.
 */
public final class Service {
    /** The port inside the container: the manifest's healthcheck and app fragments use the same. */
    public static final int DEFAULT_PORT = 8080;

    private final HttpServer server;
    private final ExecutorService executor;

    private Service(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static void main(String[] args) throws IOException {
        String port = System.getenv().getOrDefault("PORT", String.valueOf(DEFAULT_PORT));
        Service service = start(new InetSocketAddress(Integer.parseInt(port)));
        // docker stop sends SIGTERM: finish the requests in flight, then exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> service.stop(2)));
        System.out.println("${artifactId} listening on port " + service.port());
    }

    /** Starts the service on {@code address} (port 0 picks a free one). */
    public static Service start(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", new Routes("${artifactId}"));
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
        return new Service(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests and waits up to {@code seconds} for those in flight. */
    public void stop(int seconds) {
        server.stop(seconds);
        executor.shutdown();
    }
}
