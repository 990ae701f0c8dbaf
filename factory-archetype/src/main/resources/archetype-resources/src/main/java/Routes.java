package ${package};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The service's endpoints, all answering JSON.
 *
 * <ul>
 *   <li>{@code GET /health}: {@code {"status":"UP"}}, for the image's HEALTHCHECK, Factory's
 *       smoke tests and the integration test's readiness wait;</li>
 *   <li>{@code GET /hello}: a greeting that names the service and the Java feature release it runs on.</li>
 * </ul>
 * Other paths answer 404, other methods 405.
 */
final class Routes implements HttpHandler {
    private final String serviceName;

    Routes(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/health":
                    send(exchange, 200, "{\"status\":\"UP\"}");
                    break;
                case "/hello":
                    send(exchange, 200, "{\"message\":\"Hello from " + serviceName + "\",\"java\":\""
                            + Runtime.version().feature() + "\"}");
                    break;
                default:
                    send(exchange, 404, "{\"error\":\"not found\"}");
                    break;
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
