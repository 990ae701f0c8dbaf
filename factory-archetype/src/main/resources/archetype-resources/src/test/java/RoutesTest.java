package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints, served in-process on a free loopback port (no container needed). */
class RoutesTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Service service;

    @BeforeAll
    static void start() throws IOException {
        service = Service.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = call("GET", "/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void helloNamesTheServiceAndItsJava() throws Exception {
        HttpResponse<String> response = call("GET", "/hello");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"message\":\"Hello from ${artifactId}\""), response.body());
        assertTrue(response.body().contains("\"java\":\"" + Runtime.version().feature() + "\""), response.body());
    }

    @Test
    void headAnswersWithoutBody() throws Exception {
        HttpResponse<String> response = call("HEAD", "/health");
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertEquals(404, call("GET", "/nope").statusCode());
        assertEquals(404, call("GET", "/healthz").statusCode());
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> response = call("POST", "/health");
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(""));
    }
}
