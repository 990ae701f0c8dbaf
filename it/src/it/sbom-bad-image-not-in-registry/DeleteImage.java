import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Deletes the manifest image.json names (its platform's digest) from its registry, as someone cleaning up would. */
public class DeleteImage {
    public static void main(String[] args) throws Exception {
        String json = Files.readString(Path.of(args[0]));
        Matcher image = Pattern.compile("\"image\": \"([^/\"]+)/([^\"]+)\"").matcher(json);
        Matcher digest = Pattern.compile("\"ref\": \"[^\"]+\",\\s*\"digest\": \"(sha256:[0-9a-f]{64})\"").matcher(json);
        if (!image.find() || !digest.find()) {
            throw new IllegalStateException("no image and platform digest in " + args[0]);
        }
        URI uri = URI.create("http://" + image.group(1) + "/v2/" + image.group(2) + "/manifests/" + digest.group(1));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("DELETE " + uri + ": " + response.statusCode());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the registry did not delete it: " + response.body());
        }
    }
}
