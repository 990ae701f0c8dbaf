package dev.factory.bake;

import dev.factory.oci.ImageReference;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * Asks whether a registry is there at all: a TCP connection to its port (443 unless the host names one,
 * 80 for a plain-HTTP localhost). Used before bake so that an unreachable cache only costs a warning and an
 * unreachable push target fails at once, naming the registry. A connection, not an HTTP request: it says
 * the same for this purpose (buildx reports anything wrong past the socket itself) and costs a millisecond
 * where Java's HTTP client costs a few hundred on its first use (its TLS setup).
 */
final class RegistryProbe {
    private static final int TIMEOUT_MS = 3000;

    private RegistryProbe() {}

    /** The registry host of an image or cache repository ({@code docker.io} when none is named). */
    static String host(String repository) {
        String registry = ImageReference.registryIn(repository);
        return registry != null ? registry : ImageReference.DOCKER_HUB;
    }

    /** Null when reachable, otherwise why not. */
    static String problem(String host) {
        String name = host.equals("docker.io") ? "registry-1.docker.io" : host;
        boolean plain = name.startsWith("localhost") || name.startsWith("127.0.0.1");
        int port = plain ? 80 : 443;
        int colon = name.lastIndexOf(':');
        if (colon > 0 && !name.endsWith("]")) {
            try {
                port = Integer.parseInt(name.substring(colon + 1));
            } catch (NumberFormatException e) {
                return "not a registry host: '" + host + "' has no port number after ':'";
            }
            name = name.substring(0, colon);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(name, port), TIMEOUT_MS);
            return null;
        } catch (UnknownHostException e) {
            return "unknown host " + e.getMessage();
        } catch (IOException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        } catch (IllegalArgumentException e) {
            return "not a registry host: " + e.getMessage();
        }
    }
}
