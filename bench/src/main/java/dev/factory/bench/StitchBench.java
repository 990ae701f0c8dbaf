package dev.factory.bench;

import dev.factory.stitch.StitchRequest;
import dev.factory.stitch.StitchResult;
import dev.factory.stitch.Stitcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Issue 3's figure: a generated project of 10 manifests, each with a plan of 10 x 10 = 100 combinations
 * (1,000 variants, 4 fragments each), stitched in-process into fresh output folders. Prints the median
 * of the measured runs. Usage: StitchBench PROJECT_DIR (the project is generated there; bench/run.sh
 * then times mvn factory:stitch on the same folder).
 */
public final class StitchBench {
    public static void main(String[] args) throws IOException {
        Path project = Path.of(args.length > 0 ? args[0] : "target/stitch-bench-project").toAbsolutePath();
        int variants = generate(project);
        List<Long> nanos = new ArrayList<>();
        int runs = Integer.getInteger("runs", 12);
        long first = 0;
        for (int run = 0; run < runs; run++) {
            Path out = project.resolve("target/bench-" + run);
            long start = System.nanoTime();
            StitchResult r = new Stitcher().stitch(new StitchRequest(project, project.resolve("src/main/factory"),
                    project.resolve("src/main/factory/manifests"), project.resolve("src/main/factory/plans"), out, null, null,
                    "localhost:5000/lab", Map.of("version", "1.0", "properties", Map.of()), StitchBench.class.getClassLoader(), line -> { }));
            long took = System.nanoTime() - start;
            if (r.builds().size() != variants) {
                throw new IllegalStateException("expected " + variants + " builds, got " + r.builds().size());
            }
            if (run == 0) {
                first = took;
            } else if (run >= 2) {
                nanos.add(took); // the first two runs warm the JIT
            }
        }
        Collections.sort(nanos);
        double median = nanos.get(nanos.size() / 2) / 1e9;
        System.out.printf("stitch in-process, first run in a fresh JVM: %.3f s = %.0f variants/s (files written)%n",
                first / 1e9, variants / (first / 1e9));
        System.out.printf("stitch in-process, warm (median of %d runs): %.3f s = %.0f variants/s (files written)%n",
                nanos.size(), median, variants / median);
    }

    static int generate(Path p) throws IOException {
        String[] slots = {"security", "core", "light", "app"};
        for (String slot : slots) {
            Path dir = p.resolve("src/main/factory/fragments/" + slot + "/bench-" + slot);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("fragment.yaml"), "name: bench-" + slot + "\nslot: " + slot + "\nversion: 1.0.0\n"
                    + "description: benchmark fragment\nparameters:\n  a: {description: first axis, default: \"0\"}\n"
                    + "  b: {description: second axis, default: \"0\"}\n");
            Files.writeString(dir.resolve("Dockerfile.vm"), "RUN echo ${fragment.slot} ${params.a} ${params.b} > /" + slot + "\n"
                    + "#if($params.a == \"3\")\nLABEL three=yes\n#end\nENV " + slot.toUpperCase() + "_B=${params.b}\n");
        }
        Files.createDirectories(p.resolve("src/main/factory/manifests"));
        Files.createDirectories(p.resolve("src/main/factory/plans"));
        StringBuilder values = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            values.append(i == 0 ? "" : ", ").append('"').append(i).append('"');
        }
        values.append(']');
        for (int m = 0; m < 10; m++) {
            Files.writeString(p.resolve("src/main/factory/manifests/m" + m + ".yaml"), "id: m" + m + "\nbase: busybox:1.35\n"
                    + "platforms: [linux/amd64, linux/arm64]\nfragments:\n  security: bench-security\n  core: bench-core\n"
                    + "  light: bench-light\n  app: bench-app\n");
            Files.writeString(p.resolve("src/main/factory/plans/p" + m + ".yaml"), "manifest: m" + m + "\naxes:\n  core.a: "
                    + values + "\n  app.b: " + values + "\n");
        }
        Files.writeString(p.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>bench</groupId><artifactId>stitch-bench</artifactId><version>1.0</version><packaging>pom</packaging>"
                + "<build><plugins><plugin><groupId>dev.factory</groupId><artifactId>factory-maven-plugin</artifactId>"
                + "<version>0.1.0-SNAPSHOT</version></plugin></plugins></build></project>\n");
        return 1000;
    }
}
