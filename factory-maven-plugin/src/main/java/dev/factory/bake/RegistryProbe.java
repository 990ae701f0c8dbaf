package dev.factory.bake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a registry's {@code /v2/} endpoint whether it is there at all (any HTTP answer, 401 included,
 * counts). Used before bake so that an unreachable cache only costs a warning and an unreachable
 * push target fails at once, naming the registry.
 */
final class RegistryProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private RegistryProbe() {}

    /** The registry host of an image or cache repository ({@code docker.io} when none is named). */
    static String host(String repository) {
        int slash = repository.indexOf('/');
        if (slash > 0) {
            String first = repository.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return first;
            }
        }
        return "docker.io";
    }

    /** Null when reachable, otherwise why not. */
    static String problem(String host) {
        String base = host.equals("docker.io") ? "https://registry-1.docker.io"
                : (host.startsWith("localhost") || host.startsWith("127.0.0.1") ? "http://" : "https://") + host;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/")).timeout(Duration.ofSeconds(5)).GET().build();
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            return null;
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getMessage() == null) {
                root = root.getCause();
            }
            return root.getMessage() != null ? root.getMessage() : e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IllegalArgumentException e) {
            return "not a registry host: " + e.getMessage();
        }
    }
}
