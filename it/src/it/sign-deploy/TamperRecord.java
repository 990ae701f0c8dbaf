import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an attacker with write access to the repository could do: take the signed record of the amd64 image,
 * change its verdict inside the bundle, and put the changed bundle where the original was listed (a new blob,
 * a new artifact manifest, the referrers tag index pointing at it). The signature stays as it was.
 * Plain HTTP against the lab registry, no Factory code: args REGISTRY REPOSITORY RECORDS_FOLDER.
 */
public class TamperRecord {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = "http://" + args[0] + "/v2/" + args[1];
        String digest = null;
        try (var files = Files.list(Path.of(args[2]))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = Pattern.compile("\"platform\"\\s*:\\s*\"linux/amd64\"\\s*,\\s*\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"")
                        .matcher(Files.readString(f));
                if (m.find()) {
                    digest = m.group(1);
                }
            }
        }
        check(digest != null, "no amd64 record in " + args[2]);
        String tag = digest.replace(':', '-');
        String index = get(base + "/manifests/" + tag, "application/vnd.oci.image.index.v1+json");
        Matcher entry = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\",\"size\":(\\d+),\"annotations\":\\{[^}]*"
                + "\"dev.sigstore.bundle.predicateType\":\"https://factory.dev/record/v1\"").matcher(index);
        check(entry.find(), "no record attestation among the referrers of " + digest + ": " + index);
        String manifest = get(base + "/manifests/" + entry.group(1), "application/vnd.oci.image.manifest.v1+json");
        Matcher layer = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\",\"size\":(\\d+)").matcher(
                manifest.substring(manifest.indexOf("\"layers\"")));
        check(layer.find(), "no layer in " + manifest);
        String bundle = get(base + "/blobs/" + layer.group(1), null);
        Matcher payload = Pattern.compile("\"payload\":\"([^\"]+)\"").matcher(bundle);
        check(payload.find(), "no payload in the bundle");
        String statement = new String(Base64.getDecoder().decode(payload.group(1)), StandardCharsets.UTF_8);
        String changed = statement.replace("\"status\":\"pass\"", "\"status\":\"fail\"");
        check(!changed.equals(statement), "the record says no \"status\":\"pass\": " + statement);
        byte[] newBundle = bundle.replace(payload.group(1), Base64.getEncoder().encodeToString(
                changed.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        String newLayer = sha256(newBundle);
        HttpResponse<String> start = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        check(start.statusCode() == 202, "upload start: HTTP " + start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create("http://" + args[0]).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + newLayer);
        put(upload, newBundle, "application/octet-stream");
        byte[] newManifest = manifest.replace("\"digest\":\"" + layer.group(1) + "\",\"size\":" + layer.group(2),
                "\"digest\":\"" + newLayer + "\",\"size\":" + newBundle.length).getBytes(StandardCharsets.UTF_8);
        String newManifestDigest = sha256(newManifest);
        put(URI.create(base + "/manifests/" + newManifestDigest), newManifest, "application/vnd.oci.image.manifest.v1+json");
        byte[] newIndex = index.replace("\"digest\":\"" + entry.group(1) + "\",\"size\":" + entry.group(2),
                "\"digest\":\"" + newManifestDigest + "\",\"size\":" + newManifest.length).getBytes(StandardCharsets.UTF_8);
        put(URI.create(base + "/manifests/" + tag), newIndex, "application/vnd.oci.image.index.v1+json");
        System.out.println("Tampered with the record attestation of " + digest + ": " + entry.group(1) + " is now "
                + newManifestDigest + ", its record says fail under the old signature");
    }

    static String get(String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 200, url + ": HTTP " + r.statusCode());
        return r.body();
    }

    static void put(URI uri, byte[] body, String type) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 201, "PUT " + uri + ": HTTP " + r.statusCode() + " " + r.body());
    }

    static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
