package dev.factory.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process registry speaking enough of the distribution API for tests: blobs (with mounts and
 * chunked uploads), manifests, optional referrers API, and Basic or Bearer authentication.
 */
public final class FakeRegistry implements AutoCloseable {
    public enum Auth {
        NONE, BASIC, BEARER
    }

    private final HttpServer server;
    private final Auth auth;
    private final String user;
    private final String password;
    private final boolean referrersApi;
    public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    public final Map<String, Set<String>> repoBlobs = new ConcurrentHashMap<>();
    public final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    public final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    public final List<String> log = Collections.synchronizedList(new ArrayList<>());
    public final List<String> tokenScopes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final Set<String> tokens = Collections.synchronizedSet(new HashSet<>());

    public FakeRegistry(Auth auth, String user, String password, boolean referrersApi) throws IOException {
        this.auth = auth;
        this.user = user;
        this.password = password;
        this.referrersApi = referrersApi;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeRegistry open() throws IOException {
        return new FakeRegistry(Auth.NONE, null, null, false);
    }

    /** {@code 127.0.0.1:<port>}: a registry name that the client reaches over plain HTTP. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public long count(String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix)).count();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getRawPath();
            String query = x.getRequestURI().getRawQuery();
            log.add(method + " " + path + (query == null ? "" : "?" + query));
            byte[] body = x.getRequestBody().readAllBytes();
            if (path.equals("/token")) {
                token(x, query);
                return;
            }
            if (!authorised(x)) {
                return;
            }
            if (path.equals("/v2/")) {
                send(x, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            route(x, method, path, query, body);
        }
    }

    private boolean authorised(HttpExchange x) throws IOException {
        String header = x.getRequestHeaders().getFirst("Authorization");
        switch (auth) {
            case NONE :
                return true;
            case BASIC :
                if (header != null && header.equals(basic())) {
                    return true;
                }
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
                break;
            case BEARER :
                if (header != null && header.startsWith("Bearer ") && tokens.contains(header.substring(7))) {
                    return true;
                }
                x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                        + "/token\",service=\"fake\",scope=\"repository:x:pull\"");
                break;
            default :
                break;
        }
        send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8), "application/json");
        return false;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void token(HttpExchange x, String query) throws IOException {
        String header = x.getRequestHeaders().getFirst("Authorization");
        if (user != null && (header == null || !header.equals(basic()))) {
            send(x, 401, new byte[0], "application/json");
            return;
        }
        for (String part : query == null ? new String[0] : query.split("&")) {
            if (part.startsWith("scope=")) {
                tokenScopes.add(URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8));
            }
        }
        String token = UUID.randomUUID().toString();
        tokens.add(token);
        send(x, 200, ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    private void route(HttpExchange x, String method, String path, String query, byte[] body) throws IOException {
        Map<String, String> q = parse(query);
        int uploadsAt = path.indexOf("/blobs/uploads/");
        if (uploadsAt > 0) {
            String repo = path.substring(4, uploadsAt);
            String id = path.substring(uploadsAt + "/blobs/uploads/".length());
            if (method.equals("POST")) {
                if (q.containsKey("mount")) {
                    String digest = q.get("mount");
                    if (repoBlobs.getOrDefault(q.get("from"), Set.of()).contains(digest)) {
                        repo(repo).add(digest);
                        x.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/" + digest);
                        send(x, 201, new byte[0], null);
                        return;
                    }
                }
                String uuid = UUID.randomUUID().toString();
                uploads.put(uuid, new ByteArrayOutputStream());
                x.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/" + uuid + "?_state=s");
                send(x, 202, new byte[0], null);
                return;
            }
            ByteArrayOutputStream upload = uploads.get(id);
            if (upload == null) {
                send(x, 404, new byte[0], null);
                return;
            }
            upload.writeBytes(body);
            if (method.equals("PATCH")) {
                String range = x.getRequestHeaders().getFirst("Content-Range");
                log.add("range " + range);
                x.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/" + id);
                send(x, 202, new byte[0], null);
                return;
            }
            if (method.equals("PUT")) {
                byte[] content = upload.toByteArray();
                String digest = q.get("digest");
                if (!Digests.of(content).equals(digest)) {
                    send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}".getBytes(StandardCharsets.UTF_8), null);
                    return;
                }
                blobs.put(digest, content);
                repo(repo).add(digest);
                uploads.remove(id);
                send(x, 201, new byte[0], null);
                return;
            }
        }
        int blobsAt = path.lastIndexOf("/blobs/");
        if (blobsAt > 0) {
            String repo = path.substring(4, blobsAt);
            String digest = path.substring(blobsAt + 7);
            if (!repo(repo).contains(digest)) {
                send(x, 404, new byte[0], null);
                return;
            }
            byte[] content = blobs.get(digest);
            if (method.equals("HEAD")) {
                x.getResponseHeaders().add("Content-Length", Long.toString(content.length));
                x.sendResponseHeaders(200, -1);
                return;
            }
            send(x, 200, content, "application/octet-stream");
            return;
        }
        int manifestsAt = path.lastIndexOf("/manifests/");
        if (manifestsAt > 0) {
            String repo = path.substring(4, manifestsAt);
            String ref = path.substring(manifestsAt + 11);
            String key = repo + "@" + ref;
            if (method.equals("PUT")) {
                String digest = Digests.of(body);
                String type = x.getRequestHeaders().getFirst("Content-Type");
                manifests.put(key, body);
                manifests.put(repo + "@" + digest, body);
                manifestTypes.put(key, type);
                manifestTypes.put(repo + "@" + digest, type);
                x.getResponseHeaders().add("Docker-Content-Digest", digest);
                if (referrersApi && new String(body, StandardCharsets.UTF_8).contains("\"subject\"")) {
                    x.getResponseHeaders().add("OCI-Subject", "yes");
                }
                send(x, 201, new byte[0], null);
                return;
            }
            byte[] m = manifests.get(key);
            if (m == null) {
                send(x, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            send(x, 200, m, manifestTypes.get(key));
            return;
        }
        int referrersAt = path.lastIndexOf("/referrers/");
        if (referrersAt > 0 && referrersApi) {
            String repo = path.substring(4, referrersAt);
            String digest = path.substring(referrersAt + 11);
            StringBuilder list = new StringBuilder();
            for (Map.Entry<String, byte[]> m : manifests.entrySet()) {
                String text = new String(m.getValue(), StandardCharsets.UTF_8);
                if (m.getKey().startsWith(repo + "@sha256:") && text.contains("\"subject\"") && text.contains(digest)) {
                    ImageManifest manifest = ImageManifest.parse(m.getValue(), null);
                    if (list.length() > 0) {
                        list.append(',');
                    }
                    list.append(dev.factory.io.Json.compact(manifest.descriptor()
                            .withArtifactType(manifest.artifactType()).toJson()));
                }
            }
            send(x, 200, ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + list
                    + "]}").getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX);
            return;
        }
        send(x, 404, new byte[0], null);
    }

    private Set<String> repo(String repo) {
        return repoBlobs.computeIfAbsent(repo, r -> ConcurrentHashMap.newKeySet());
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> out = new HashMap<>();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            x.getResponseHeaders().add("Content-Type", type);
        }
        if (x.getRequestMethod().equals("HEAD")) {
            // a length passed to sendResponseHeaders for HEAD makes the JDK print a warning; say it by hand
            if (body.length > 0) {
                x.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
