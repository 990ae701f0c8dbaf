import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops the registry prebuild.groovy started, and waits until its port refuses connections. */
public class StopRegistry {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        long pid = Long.parseLong(Files.readString(state.resolve("pid")).trim());
        int port = Integer.parseInt(Files.readString(state.resolve("port")).trim());
        ProcessHandle registry = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the registry (pid " + pid + ") is not running"));
        // timeout(1) and the registry under it; SIGTERM lets the registry shut down cleanly
        List<ProcessHandle> all = new ArrayList<>(List.of(registry));
        registry.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            throw new IllegalStateException("127.0.0.1:" + port + " still takes connections");
        } catch (IOException refused) {
            System.out.println("Registry 127.0.0.1:" + port + " (pid " + pid + ") stopped");
        }
    }
}
