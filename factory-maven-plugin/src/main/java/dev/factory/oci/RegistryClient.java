package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OCI distribution client for one registry: blobs (HEAD, streamed GET, monolithic or chunked
 * upload, cross-repository mount), manifests and indexes (GET/PUT by tag or digest), and referrers
 * (the API, or the {@code sha256-<hex>} tag schema where a registry has no API). Authentication
 * answers the registry's challenge: Basic with the user's credentials, or Bearer through the token
 * endpoint (with the credentials when there are some, anonymous otherwise). Tokens are kept in memory
 * per scope and never logged.
 *
 * <p>Plain HTTP is used for {@code localhost}/{@code 127.0.0.1}/{@code [::1]} registries and those in
 * the insecure set; HTTPS for all others.
 */
public final class RegistryClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int MAX_MANIFEST = 4 * 1024 * 1024;

    /** A manifest or index as served: its exact bytes, media type and digest. */
    public record Manifest(byte[] bytes, String mediaType, String digest) {}

    private final String registry;
    private final URI base;
    private final Credentials.Provider credentials;
    private final HttpClient http;
    private final HttpProxies proxies;
    /** the proxy this registry is reached through, null for a direct connection */
    private final HttpProxies.HttpProxy proxy;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private volatile String basicAuthorization;
    private volatile Optional<Credentials> resolvedCredentials;
    private long chunkSize;

    /**
     * @param registry the host[:port], as in an image reference ({@code docker.io} is Docker Hub)
     * @param insecure registries to reach over plain HTTP besides the loopback ones
     */
    public RegistryClient(String registry, Credentials.Provider credentials, Set<String> insecure) {
        this(registry, new RegistryAccess(credentials, HttpProxies.NONE, insecure));
    }

    /**
     * @param registry the host[:port], as in an image reference ({@code docker.io} is Docker Hub)
     * @param access credentials, proxies and insecure registries; a proxy for this registry whose password could not be
     *     decrypted is an {@link EnvironmentException} here
     */
    public RegistryClient(String registry, RegistryAccess access) {
        this.registry = registry;
        this.credentials = access.credentials();
        String host = ImageReference.DOCKER_HUB.equals(registry) ? "registry-1.docker.io" : registry;
        boolean plain = isInsecure(registry, access.insecure()) || isLoopback(host);
        this.base = URI.create((plain ? "http://" : "https://") + host);
        this.proxies = access.proxies();
        this.proxy = proxies.usableFor(base).orElse(null);
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!proxies.isEmpty()) {
            // Maven's proxies replace the JVM's (-Dhttps.proxyHost ...), as they do for Maven's own downloads
            b.proxy(proxies.selector());
        }
        this.http = b.build();
    }

    /** Whether {@code registry} is in the insecure set, as {@code host:port} or as its host alone. */
    static boolean isInsecure(String registry, Set<String> insecure) {
        String r = registry.toLowerCase(Locale.ROOT);
        return insecure.contains(r) || insecure.contains(SettingsServers.hostOf(r));
    }

    /** Uploads blobs larger than this in PATCH chunks of this size; 0 (the default) uploads every blob in one PUT. */
    public RegistryClient chunkSize(long bytes) {
        this.chunkSize = bytes;
        return this;
    }

    public String registry() {
        return registry;
    }

    public URI base() {
        return base;
    }

    static boolean isLoopback(String host) {
        String h = SettingsServers.hostOf(host);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    /** Checks that the registry answers {@code /v2/} (any answer, even 401, means it is there). */
    public void ping() {
        HttpResponse<Void> r = exchange(request("GET", base.resolve("/v2/")), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() >= 500) {
            throw new EnvironmentException("The registry " + registry + " answers /v2/ with HTTP " + r.statusCode()
                    + "; check its logs, then run again.");
        }
    }

    // ---------------------------------------------------------------- blobs

    /** The size of a blob, or empty when the repository does not have it. */
    public Optional<Long> blobSize(String repository, String digest) {
        HttpResponse<Void> r = send("HEAD", path(repository, "/blobs/" + digest), Map.of(), null,
                HttpResponse.BodyHandlers.discarding(), pull(repository));
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(r, "checking blob " + digest + " in " + repository, 200);
        return Optional.of(r.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** Streams a blob, verified against its digest as it is read. */
    public InputStream openBlob(String repository, Descriptor blob) throws IOException {
        URI uri = path(repository, "/blobs/" + blob.digest());
        HttpResponse<InputStream> r = send("GET", uri, Map.of(), null, HttpResponse.BodyHandlers.ofInputStream(),
                pull(repository));
        for (int hops = 0; isRedirect(r.statusCode()) && hops < 5; hops++) {
            r.body().close();
            URI next = uri.resolve(r.headers().firstValue("Location").orElseThrow(
                    () -> new IOException("redirect without a Location")));
            // storage back ends are signed URLs: the registry's token is not for them
            HttpRequest.Builder b = HttpRequest.newBuilder(next).timeout(REQUEST_TIMEOUT).GET();
            if (next.getHost() != null && next.getHost().equals(base.getHost()) && next.getPort() == base.getPort()) {
                String auth = authorizations.get(pull(repository));
                if (auth != null) {
                    b.header("Authorization", auth);
                }
            }
            r = exchange(b, HttpResponse.BodyHandlers.ofInputStream());
            uri = next;
        }
        if (r.statusCode() != 200) {
            r.body().close();
            if (r.statusCode() == 404) {
                throw new IOException(
                        "the registry " + registry + " has no blob " + blob.digest() + " in " + repository);
            }
            throw new IOException("the registry " + registry + " answered HTTP " + r.statusCode() + " for blob "
                    + blob.digest() + " in " + repository);
        }
        return new VerifyingInputStream(r.body(), blob.digest(), blob.size() > 0 ? blob.size() : -1);
    }

    /** A blob source over one repository, for reading images. */
    public BlobSource blobs(String repository) {
        return new BlobSource() {
            @Override
            public InputStream open(Descriptor blob) throws IOException {
                return openBlob(repository, blob);
            }

            @Override
            public String describe() {
                return registry + "/" + repository;
            }
        };
    }

    /**
     * Makes a blob present in {@code repository}: nothing when it is there, a cross-repository mount from
     * {@code mountFrom} (same registry) when that works, else an upload of {@code file}.
     *
     * @return how: {@code "exists"}, {@code "mounted"} or {@code "uploaded"}
     */
    public String pushBlob(String repository, String digest, long size, Path file, String mountFrom) {
        if (blobSize(repository, digest).isPresent()) {
            return "exists";
        }
        URI location;
        if (mountFrom != null && !mountFrom.equals(repository)) {
            URI mount = path(repository, "/blobs/uploads/?mount=" + enc(digest) + "&from=" + enc(mountFrom));
            HttpResponse<Void> r = send("POST", mount, Map.of(), HttpRequest.BodyPublishers::noBody,
                    HttpResponse.BodyHandlers.discarding(), push(repository) + " " + pull(mountFrom));
            if (r.statusCode() == 201) {
                return "mounted";
            }
            expect(r, "starting the upload of " + digest + " to " + repository, 202);
            location = location(r);
        } else {
            HttpResponse<Void> r = send("POST", path(repository, "/blobs/uploads/"), Map.of(),
                    HttpRequest.BodyPublishers::noBody, HttpResponse.BodyHandlers.discarding(), push(repository));
            expect(r, "starting the upload of " + digest + " to " + repository, 202);
            location = location(r);
        }
        if (chunkSize > 0 && size > chunkSize) {
            uploadChunked(repository, digest, size, file, location);
        } else {
            HttpResponse<Void> r = send("PUT", withQuery(location, "digest=" + enc(digest)),
                    Map.of("Content-Type", "application/octet-stream"), () -> ofFile(file),
                    HttpResponse.BodyHandlers.discarding(), push(repository));
            expect(r, "uploading blob " + digest + " to " + repository, 201);
        }
        return "uploaded";
    }

    /** Pushes a small blob (a config) held in memory. */
    public String pushBlob(String repository, byte[] bytes) {
        String digest = Digests.of(bytes);
        if (blobSize(repository, digest).isPresent()) {
            return "exists";
        }
        HttpResponse<Void> start = send("POST", path(repository, "/blobs/uploads/"), Map.of(),
                HttpRequest.BodyPublishers::noBody, HttpResponse.BodyHandlers.discarding(), push(repository));
        expect(start, "starting the upload of " + digest + " to " + repository, 202);
        HttpResponse<Void> r = send("PUT", withQuery(location(start), "digest=" + enc(digest)),
                Map.of("Content-Type", "application/octet-stream"), () -> HttpRequest.BodyPublishers.ofByteArray(bytes),
                HttpResponse.BodyHandlers.discarding(), push(repository));
        expect(r, "uploading blob " + digest + " to " + repository, 201);
        return "uploaded";
    }

    private void uploadChunked(String repository, String digest, long size, Path file, URI start) {
        URI location = start;
        for (long offset = 0; offset < size; offset += chunkSize) {
            long from = offset;
            long length = Math.min(chunkSize, size - offset);
            HttpResponse<Void> r = send("PATCH", location,
                    Map.of("Content-Type", "application/octet-stream", "Content-Range",
                            from + "-" + (from + length - 1)),
                    () -> ofFileRange(file, from, length), HttpResponse.BodyHandlers.discarding(), push(repository));
            expect(r, "uploading a chunk of " + digest + " to " + repository, 202);
            location = location(r);
        }
        HttpResponse<Void> r = send("PUT", withQuery(location, "digest=" + enc(digest)), Map.of(),
                HttpRequest.BodyPublishers::noBody, HttpResponse.BodyHandlers.discarding(), push(repository));
        expect(r, "finishing the upload of " + digest + " to " + repository, 201);
    }

    // ---------------------------------------------------------------- manifests

    /** A manifest or index by tag or digest, or empty when the repository has none by that name. */
    public Optional<Manifest> getManifest(String repository, String reference) {
        HttpResponse<byte[]> r = send("GET", path(repository, "/manifests/" + reference),
                Map.of("Accept", MediaTypes.MANIFEST_ACCEPT), null, HttpResponse.BodyHandlers.ofByteArray(),
                pull(repository));
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expect(r, "reading manifest " + reference + " of " + repository, 200);
        byte[] bytes = r.body();
        if (bytes.length > MAX_MANIFEST) {
            throw new EnvironmentException("The manifest " + reference + " of " + registry + "/" + repository + " is "
                    + bytes.length + " bytes, more than any image manifest; check the reference.");
        }
        String digest = Digests.of(bytes);
        if (Digests.isDigest(reference) && !reference.equals(digest)) {
            throw new EnvironmentException("The registry " + registry + " served a manifest for " + reference
                    + " whose content has digest " + digest + "; the registry or a proxy corrupts content.");
        }
        String type = r.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse(null);
        try {
            type = ImageResolver.mediaType(type, bytes);
        } catch (IOException e) {
            throw new EnvironmentException("The manifest " + reference + " of " + registry + "/" + repository
                    + " is not JSON (" + e.getMessage() + ").", e);
        }
        return Optional.of(new Manifest(bytes, type, digest));
    }

    /** Puts a manifest or index under a tag or its digest; returns its digest. */
    public String putManifest(String repository, String reference, byte[] bytes, String mediaType) {
        return putManifestResponse(repository, reference, bytes, mediaType).digest();
    }

    private record PutResult(String digest, boolean subjectProcessed) {}

    private PutResult putManifestResponse(String repository, String reference, byte[] bytes, String mediaType) {
        HttpResponse<Void> r = send("PUT", path(repository, "/manifests/" + reference),
                Map.of("Content-Type", mediaType),
                () -> HttpRequest.BodyPublishers.ofByteArray(bytes), HttpResponse.BodyHandlers.discarding(),
                push(repository));
        expect(r, "pushing manifest " + reference + " to " + repository, 201);
        String digest = Digests.of(bytes);
        Optional<String> served = r.headers().firstValue("Docker-Content-Digest");
        if (served.isPresent() && !served.get().equals(digest)) {
            throw new EnvironmentException("The registry " + registry + " stored the manifest " + reference + " of "
                    + repository + " as " + served.get() + " instead of " + digest + "; it rewrote the content.");
        }
        return new PutResult(digest, r.headers().firstValue("OCI-Subject").isPresent());
    }

    // ---------------------------------------------------------------- referrers

    /**
     * The referrers of a manifest: the referrers API, or where the registry answers 404 to it, the
     * {@code sha256-<hex>} tag index (empty when that tag does not exist either).
     *
     * @param artifactType only those of this type; null for all
     */
    public ImageIndex referrers(String repository, String digest, String artifactType) {
        String query = artifactType == null ? "" : "?artifactType=" + enc(artifactType);
        HttpResponse<byte[]> r = send("GET", path(repository, "/referrers/" + digest + query),
                Map.of("Accept", MediaTypes.OCI_INDEX), null, HttpResponse.BodyHandlers.ofByteArray(),
                pull(repository));
        ImageIndex index;
        if (r.statusCode() == 200) {
            index = parseIndex(r.body(), "the referrers of " + digest);
        } else if (r.statusCode() == 404) {
            index = referrersTag(repository, digest).orElse(ImageIndex.oci(List.of(), Map.of()));
        } else {
            expect(r, "listing the referrers of " + digest + " in " + repository, 200);
            return null;
        }
        if (artifactType == null) {
            return index;
        }
        List<Descriptor> kept = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            if (artifactType.equals(d.artifactType())) {
                kept.add(d);
            }
        }
        return ImageIndex.oci(kept, Map.of());
    }

    /**
     * Pushes an artifact manifest that has a {@code subject}, by digest. When the registry does not
     * process the subject itself (no {@code OCI-Subject} answer), the {@code sha256-<hex>} tag index is
     * updated so that clients without the referrers API find it.
     *
     * @return the artifact's digest
     */
    public String pushReferrer(String repository, ImageManifest artifact) {
        if (artifact.subject() == null) {
            throw new IllegalArgumentException("a referrer needs a subject");
        }
        PutResult put = putManifestResponse(repository, artifact.digest(), artifact.bytes(), artifact.mediaType());
        if (!put.subjectProcessed()) {
            String subject = artifact.subject().digest();
            List<Descriptor> entries = new ArrayList<>(referrersTag(repository, subject)
                    .map(ImageIndex::manifests).orElse(List.of()));
            if (entries.stream().noneMatch(d -> d.digest().equals(put.digest()))) {
                String type = artifact.artifactType() != null ? artifact.artifactType() : artifact.config().mediaType();
                entries.add(artifact.descriptor().withArtifactType(type).withAnnotations(artifact.annotations()));
                ImageIndex index = ImageIndex.oci(entries, Map.of());
                putManifest(repository, referrersTagName(subject), index.bytes(), index.mediaType());
            }
        }
        return put.digest();
    }

    /** The fallback tag for the referrers of {@code digest}: {@code sha256-<hex>}. */
    public static String referrersTagName(String digest) {
        return digest.replace(':', '-');
    }

    private Optional<ImageIndex> referrersTag(String repository, String digest) {
        return getManifest(repository, referrersTagName(digest))
                .map(m -> parseIndex(m.bytes(), "the referrers tag " + referrersTagName(digest)));
    }

    private ImageIndex parseIndex(byte[] bytes, String what) {
        try {
            return ImageIndex.parse(bytes, MediaTypes.OCI_INDEX);
        } catch (IOException e) {
            throw new EnvironmentException("The registry " + registry + " served " + what + " as something that is not "
                    + "an image index (" + e.getMessage() + ").", e);
        }
    }

    // ---------------------------------------------------------------- HTTP and auth

    private static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    private static String push(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    private URI path(String repository, String rest) {
        return base.resolve("/v2/" + repository + rest);
    }

    private HttpRequest.Builder request(String method, URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody());
    }

    /**
     * Sends a request with the authorization known for {@code scope}; on a 401 answers the challenge
     * and sends it once more.
     *
     * @param body null for no body; a supplier since a retry needs a fresh publisher
     */
    private <T> HttpResponse<T> send(String method, URI uri, Map<String, String> headers,
            Supplier<HttpRequest.BodyPublisher> body, HttpResponse.BodyHandler<T> handler,
            String scope) {
        HttpResponse<T> r = exchange(
                build(method, uri, headers, body, authorizations.getOrDefault(scope, basicAuthorization)),
                handler);
        if (r.statusCode() == 407) {
            discard(r);
            throw proxyRefused(uri);
        }
        if (r.statusCode() == 403) {
            discard(r);
            throw denied(403, scope);
        }
        if (r.statusCode() != 401) {
            return r;
        }
        discard(r);
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        String authorization = answer(challenge, scope);
        authorizations.put(scope, authorization);
        r = exchange(build(method, uri, headers, body, authorization), handler);
        if (r.statusCode() == 407) {
            discard(r);
            throw proxyRefused(uri);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            discard(r);
            throw denied(r.statusCode(), scope);
        }
        return r;
    }

    private HttpRequest.Builder build(String method, URI uri, Map<String, String> headers,
            Supplier<HttpRequest.BodyPublisher> body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
        headers.forEach(b::header);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private String answer(String challenge, String scope) {
        String scheme = challenge.trim().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        Optional<Credentials> creds = credentials();
        if (scheme.equals("basic")) {
            Credentials c = creds.orElseThrow(() -> denied(401, scope));
            basicAuthorization = basic(c);
            return basicAuthorization;
        }
        if (!scheme.equals("bearer")) {
            throw new EnvironmentException(
                    "The registry " + registry + " asks for '" + scheme + "' authentication, which "
                            + "Factory does not speak (it handles Basic and Bearer tokens).");
        }
        Map<String, String> params = new java.util.HashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new EnvironmentException("The registry " + registry + " asks for a Bearer token without saying where "
                    + "to get one (no realm in WWW-Authenticate).");
        }
        return "Bearer " + token(URI.create(realm), params.get("service"), scope, creds.orElse(null));
    }

    private String token(URI realm, String service, String scope, Credentials creds) {
        HttpRequest.Builder b;
        if (creds != null && creds.identityToken()) {
            StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=factory&refresh_token=")
                    .append(enc(creds.secret()));
            if (service != null) {
                form.append("&service=").append(enc(service));
            }
            for (String s : scope.split(" ")) {
                form.append("&scope=").append(enc(s));
            }
            b = HttpRequest.newBuilder(realm).timeout(Duration.ofMinutes(1))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        } else {
            StringBuilder query = new StringBuilder();
            if (service != null) {
                query.append("service=").append(enc(service));
            }
            for (String s : scope.split(" ")) {
                query.append(query.length() > 0 ? "&" : "").append("scope=").append(enc(s));
            }
            b = HttpRequest.newBuilder(withQuery(realm, query.toString())).timeout(Duration.ofMinutes(1)).GET();
            if (creds != null) {
                b.header("Authorization", basic(creds));
            }
        }
        HttpResponse<byte[]> r = exchange(b, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw denied(r.statusCode(), scope);
        }
        if (r.statusCode() != 200) {
            throw new EnvironmentException("The token service " + realm.getHost() + " of registry " + registry
                    + " answered HTTP " + r.statusCode() + "; try again later.");
        }
        try {
            JsonNode json = Json.mapper().readTree(r.body());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new EnvironmentException("The token service " + realm.getHost() + " of registry " + registry
                        + " answered without a token.");
            }
            return token;
        } catch (IOException e) {
            throw new EnvironmentException("The token service " + realm.getHost() + " of registry " + registry
                    + " answered something that is not JSON.", e);
        }
    }

    private Optional<Credentials> credentials() {
        Optional<Credentials> c = resolvedCredentials;
        if (c == null) {
            c = credentials.forRegistry(registry);
            resolvedCredentials = c;
        }
        return c;
    }

    private static String basic(Credentials c) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
    }

    private EnvironmentException denied(int status, String scope) {
        String action = scope.contains("push") ? "push to" : "pull from";
        Optional<Credentials> used = credentials();
        String message = "The registry " + registry + " refused to let Factory " + action + " " + scope.split(":")[1]
                + " (HTTP " + status + "); ";
        // a proxy that refuses its credentials with 401 instead of 407 (tinyproxy 1.11 does) cannot be told from the registry
        String viaProxy = proxy == null || !proxy.authenticates() ? "" : " The requests went through "
                + proxy.describe()
                + ", which may be the one refusing: a proxy that answers a wrong password with 401 instead of 407 (as "
                + "tinyproxy does) looks the same. Check that <proxy>'s username and password as well.";
        if (used.isPresent()) {
            Credentials c = used.get();
            return new EnvironmentException(
                    message + "Factory used the credentials of user '" + c.username() + "' from "
                            + c.source() + ". " + capitalize(c.remedyFor(registry)) + " as a user allowed to " + action
                            + " that repository, then run again." + viaProxy);
        }
        return new EnvironmentException(message + "Factory had no credentials for it: " + credentials.searched(registry)
                + ". Add a <server> with id '" + registry
                + "' (username and password) to Maven's settings.xml, or log in "
                + "with 'docker login " + registry + "', as a user allowed to " + action
                + " that repository, then run again."
                + viaProxy);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The proxy answered 407 (for a plain HTTP request): it refused the credentials, or was given none. */
    private EnvironmentException proxyRefused(URI uri) {
        if (proxy == null) {
            return new EnvironmentException("A proxy between Factory and the registry " + registry + " asks for "
                    + "authentication (HTTP 407) for " + uri.getScheme() + "://" + uri.getAuthority() + ", and Maven's "
                    + "settings.xml names no proxy for it. Add the proxy with its username and password as a <proxy> in "
                    + "settings.xml, then run again.");
        }
        return new EnvironmentException(capitalize(proxy.describe()) + " refused to forward Factory's requests to the "
                + "registry " + registry + " (HTTP 407 Proxy Authentication Required): " + (proxy.authenticates()
                        ? "it did not accept the username '" + proxy.username()
                                + "' and password of that <proxy>. Correct them"
                        : "that <proxy> has no username and password. Add them")
                + " in settings.xml, then run again.");
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        HttpRequest built = request.build();
        Optional<String> proxyAuthorization = proxies.proxyAuthorization(built.uri());
        if (proxyAuthorization.isPresent()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true)
                    .setHeader("Proxy-Authorization", proxyAuthorization.get()).build();
        }
        try {
            return sendRetryingBrokenConnection(built, handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(built.uri(), e);
        } catch (HttpTimeoutException e) {
            throw new EnvironmentException("The registry " + registry + " did not answer " + built.method() + " "
                    + built.uri().getPath() + " in time; check the network or the registry's health, then run again.",
                    e);
        } catch (IOException e) {
            throw unreachable(built.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while talking to the registry " + registry + ".", e);
        }
    }

    /**
     * Sends once more, on a new connection, when the connection broke before an answer came. Java's client keeps an
     * HTTP/1.1 connection for the next request unless the answer says {@code Connection: close}, and some proxies
     * drop that header while they close their side: tinyproxy 1.11 does after a HEAD whose answer has a
     * Content-Length, so the next request on that connection meets a closed socket and gets no bytes back. The
     * client repeats GET and HEAD by itself then, but not POST or PUT. Repeating is safe for every request this
     * class sends: GET, HEAD and PUT are idempotent, a repeated POST opens a second upload session that the registry
     * discards unused, and a PATCH carries its Content-Range, so a chunk that did arrive is refused, not appended twice.
     * Connection failures and timeouts are not repeated: a second try would only make the user wait twice as long.
     */
    private <T> HttpResponse<T> sendRetryingBrokenConnection(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException | ConnectException e) {
            throw e;
        } catch (IOException e) {
            return http.send(request, handler);
        }
    }

    private EnvironmentException unreachable(URI uri, IOException e) {
        // Java's HTTP client gives a refused connection no message of its own
        String why = e instanceof java.net.ConnectException && e.getMessage() == null ? "connection refused"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        HttpProxies.HttpProxy via = proxies.forUri(uri).orElse(null);
        if (via != null && why.contains("407")) {
            // an HTTPS tunnel the proxy refused: Java sends no Basic credentials for CONNECT unless told to
            return new EnvironmentException(capitalize(via.describe()) + " refused to open a tunnel to the registry "
                    + registry + " (HTTP 407 Proxy Authentication Required). " + (via.authenticates()
                            ? "Java sends Basic proxy credentials for HTTPS only when Maven's JVM runs with "
                                    + "-Djdk.http.auth.tunneling.disabledSchemes= (empty): add it to MAVEN_OPTS or .mvn/jvm.config, and check "
                                    + "the username and password of that <proxy>."
                            : "That <proxy> has no username and password: add them in settings.xml."),
                    e);
        }
        String hint = base.getScheme().equals("https")
                ? " If it serves plain HTTP, add it to the insecure registries (factory.insecureRegistries)."
                : "";
        String route = via == null ? "" : " through " + via.describe();
        String check = via == null ? "Check that it is running and that the image name's registry is right."
                : "Check that the proxy is running and lets Factory through to the registry (or list the registry in its "
                        + "nonProxyHosts), that the registry is running, and that the image name's registry is right.";
        return new EnvironmentException("The registry " + registry + " cannot be reached at " + uri.getScheme() + "://"
                + uri.getAuthority() + route + " (" + why + "). " + check + hint, e);
    }

    private EnvironmentException failure(HttpResponse<?> r, String what) {
        String detail = "";
        if (r.body() instanceof byte[] bytes && bytes.length > 0) {
            detail = ": " + new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8).trim();
        }
        return new EnvironmentException(
                "The registry " + registry + " failed " + what + " (HTTP " + r.statusCode() + detail
                        + "); check the registry's logs and free space, then run again.");
    }

    private void expect(HttpResponse<?> r, String what, int... ok) {
        for (int code : ok) {
            if (r.statusCode() == code) {
                return;
            }
        }
        throw failure(r, what);
    }

    private static void discard(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
        }
    }

    private URI location(HttpResponse<?> r) {
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new EnvironmentException("The registry "
                + registry
                + " started an upload without a Location header; it does not follow the distribution spec."));
        return base.resolve(loc);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI withQuery(URI uri, String query) {
        if (query.isEmpty()) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.BodyPublisher ofFile(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private HttpRequest.BodyPublisher ofFileRange(Path file, long offset, long length) {
        // opened once here, so that an unreadable file is named as such rather than as a failed request
        try (SeekableByteChannel probe = Files.newByteChannel(file)) {
            probe.position(offset);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                SeekableByteChannel ch = Files.newByteChannel(file);
                ch.position(offset);
                return new ImageArchive.BoundedStream(Channels.newInputStream(ch), length);
            } catch (IOException e) {
                // the client's own thread: the request fails with this IOException and exchange() reports it
                return failing(e);
            }
        }), length);
    }

    private EnvironmentException unreadable(Path file, IOException e) {
        return new EnvironmentException("Cannot read " + file + " to upload it to the registry " + registry + " ("
                + e.getMessage() + "); check that it still exists and is readable, then run again.", e);
    }

    private static InputStream failing(IOException e) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw e;
            }
        };
    }
}
