package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factory.docker.Containers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argv Factory hands to docker (no engine needed). */
class ContainersTest {
    @Test
    void runArgsCarryEveryOptionBeforeTheImage() {
        Containers.Spec spec = new Containers.Spec("reg/app:1").platform("linux/arm64").name("factory-r-1")
                .label(Containers.RUN_LABEL, "r").label(Containers.BUILD_LABEL, "app").remove(true)
                .cidFile(Path.of("/tmp/x.cid")).user("root").privileged(true).capability("NET_ADMIN").volume("/a:/b")
                .envFile("/p/.env").env("SECRET").env("A=1").entrypoint(List.of("sh", "-c"))
                .command(List.of("echo $A"));
        assertEquals(List.of("run", "--rm", "--cidfile", "/tmp/x.cid", "--name", "factory-r-1", "--platform",
                "linux/arm64",
                "--label", "dev.factory.run=r", "--label", "dev.factory.build=app", "--user", "root", "--privileged",
                "--cap-add", "NET_ADMIN", "-v", "/a:/b", "--env-file", "/p/.env", "-e", "SECRET", "-e", "A=1",
                "--entrypoint", "sh", "reg/app:1", "-c", "echo $A"), spec.runArgs());
    }

    @Test
    void anEmptyEntrypointClearsTheImagesAndNullKeepsIt() {
        assertEquals(List.of("create", "--entrypoint", "", "img", "x"),
                new Containers.Spec("img").entrypoint(List.of()).command(List.of("x")).createArgs());
        assertEquals(List.of("run", "-d", "-p", "127.0.0.1::8080", "img"),
                new Containers.Spec("img").detach(true).publish("127.0.0.1::8080").runArgs());
    }

    @Test
    void commandLinesCanBePastedIntoAShell() {
        assertEquals("docker run --entrypoint '' img sh -c 'echo it'\\''s; exit 3' a=b:c/d",
                Containers.commandLine(List.of("docker", "run", "--entrypoint", "", "img", "sh", "-c",
                        "echo it's; exit 3", "a=b:c/d")));
    }

    @Test
    void theEvidenceLeavesTheCidFileOut() {
        assertEquals(List.of("run", "--rm", "--name", "n", "img"),
                CommandExecutor.shown(List.of("run", "--rm", "--cidfile", "/tmp/n.cid", "--name", "n", "img")));
    }

    @Test
    void symlinksResolveLikeTheKernelDoes() {
        assertEquals("/bin/busybox", FileExecutor.resolveLink("/bin/sh", "busybox"));
        assertEquals("/usr/lib/jvm/java-17/bin/java",
                FileExecutor.resolveLink("/etc/alternatives/java", "/usr/lib/jvm/java-17/bin/java"));
        assertEquals("/usr/bin/x", FileExecutor.resolveLink("/bin/y", "../usr/bin/x"));
        assertEquals("/x", FileExecutor.resolveLink("/a", "../../x"));
    }
}
