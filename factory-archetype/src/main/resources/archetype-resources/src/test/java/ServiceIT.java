package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls the service inside the container image Factory built. The pom's docker-maven-plugin starts
 * the image before the integration tests and passes its host port as the system property
 * {@code service.port}; run it with {@code ./mvnw verify}, not from the IDE alone.
 */
class ServiceIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String baseUrl;

    @BeforeAll
    static void findTheContainer() {
        String port = System.getProperty("service.port", "");
        assertTrue(port.matches("[0-9]+"), "The system property service.port is '" + port + "', not a port: run the "
                + "integration tests with ./mvnw verify, which starts the image and sets it.");
        baseUrl = "http://localhost:" + port;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theImageIsHealthy() throws Exception {
        HttpResponse<String> response = get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
    }

    @Test
    void theImageRunsTheServiceOnItsJre() throws Exception {
        HttpResponse<String> response = get("/hello");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"message\":\"Hello from ${artifactId}\""), response.body());
        // the JRE comes from the image (17 or 21, depending on the variant), not from the build's JDK
        assertTrue(response.body().matches(".*\"java\":\"(17|21|25)\".*"), response.body());
    }
}
