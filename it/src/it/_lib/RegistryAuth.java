import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the registry ThrowawayRegistry.groovy started (state in args[0], usually target/registry) on the same
 * port and storage, now with htpasswd authentication (args[1]) and request logs at info level, and waits until it
 * answers 401 to a client without credentials. Run between invoker steps (exec:exec), so that bake pushes to an
 * open registry (buildx has only Docker's credentials) and Factory's own goals then meet one that wants settings.xml's.
 * The new registry runs under timeout(1), detached from this program, its output in registry.log.
 */
public class RegistryAuth {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]).toAbsolutePath();
        Path htpasswd = Path.of(args[1]).toAbsolutePath();
        long pid = Long.parseLong(Files.readString(state.resolve("pid")).trim());
        int port = Integer.parseInt(Files.readString(state.resolve("port")).trim());
        ProcessHandle.of(pid).ifPresent(old -> {
            List<ProcessHandle> all = new ArrayList<>(List.of(old));
            old.descendants().forEach(all::add);
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            }
        });
        Path config = state.resolve("config.yml");
        String text = Files.readString(config).replace("level: warn", "level: info");
        if (!text.contains("htpasswd:")) {
            text += "auth:\n  htpasswd:\n    realm: factory-its\n    path: " + htpasswd + "\n";
        }
        Files.writeString(config, text);
        Process registry = new ProcessBuilder("timeout", "600", "docker-registry", "serve", config.toString())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("registry.log").toFile()))
                .start();
        Files.writeString(state.resolve("pid"), Long.toString(registry.pid()));
        for (int i = 0; i < 60; i++) {
            if (!registry.isAlive()) {
                throw new IllegalStateException("the registry stopped: " + Files.readString(state.resolve("registry.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/v2/").openConnection();
                int code = c.getResponseCode();
                if (code == 401) {
                    System.out.println("Registry 127.0.0.1:" + port + " (pid " + registry.pid() + ") now asks for credentials");
                    return;
                }
                throw new IllegalStateException("the restarted registry answers /v2/ with " + code + ", not 401");
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the registry did not come back on 127.0.0.1:" + port);
    }
}
