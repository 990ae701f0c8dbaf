package dev.factory.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-HTTP forward proxy on loopback that serves one request per client connection the way tinyproxy 1.11 does
 * after a HEAD: it forwards the request with {@code Connection: close}, relays the answer without that header (so the
 * client takes the connection as reusable), and then answers nothing more on it: the next request sent there is
 * read and the connection closed. With tinyproxy that happens when the client is quicker than the upstream's close;
 * here it happens every time, so a test that reuses a connection through it fails the same way each run.
 */
final class OneRequestProxy implements AutoCloseable {
    private final ServerSocket server;
    /** requests that came on a connection that had already served one, and were closed unanswered */
    final AtomicInteger refused = new AtomicInteger();

    OneRequestProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "one-request-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "one-request-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            URI target = URI.create(requestLine[1]);
            StringBuilder forwarded = new StringBuilder(requestLine[0] + " " + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " HTTP/1.1\r\n");
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, lines[i].indexOf(':')).toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    length = Integer.parseInt(lines[i].substring(lines[i].indexOf(':') + 1).trim());
                }
                if (!name.equals("connection") && !name.startsWith("proxy-")) {
                    forwarded.append(lines[i]).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(length);
            byte[] answer;
            try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                OutputStream out = upstream.getOutputStream();
                out.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                answer = upstream.getInputStream().readAllBytes();
            }
            client.getOutputStream().write(withoutConnectionHeader(answer));
            client.getOutputStream().flush();
            // the connection stays open; whatever comes next on it is read and left unanswered
            if (in.read() != -1) {
                refused.incrementAndGet();
            }
        } catch (IOException e) {
            // the client went away: nothing to relay
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return matched < 4 ? null : head.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static byte[] withoutConnectionHeader(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = text.substring(0, end).replaceAll("(?im)^connection:[^\r\n]*\r\n", "")
                .replaceAll("(?i)\r\nconnection:[^\r\n]*$", "");
        return (head + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
