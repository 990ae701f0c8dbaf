package dev.factory.stitch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code target/factory/builds.json}: the list of stitched builds that bake, test and record read (schema
 * {@code builds.schema.json}).
 */
public final class BuildsFile {
    public static final String NAME = "builds.json";
    public static final String SCHEMA = "factory.builds/v1";

    private BuildsFile() {}

    /** The file as Jackson binds it. */
    record Contents(String schema, List<StitchedBuild> builds) {}

    public static byte[] bytes(List<StitchedBuild> builds) {
        return Json.bytes(new Contents(SCHEMA, builds));
    }

    /**
     * Says how to get builds.json in either kind of project: with packaging factory, mvn package runs stitch then
     * bake; in a jar project whose pom binds Factory's goals, the jar is built between the two, so naming the goals
     * alone (mvn factory:stitch factory:bake) on a clean project fails in bake for want of the jar.
     */
    static String missing(Path file) {
        return file + " does not exist: run factory:stitch first. A lifecycle phase such as mvn package does: with "
                + "packaging factory, or in a jar project whose pom binds Factory's goals (as the archetype's does), it runs "
                + "factory:stitch, the jar (in a jar project), then factory:bake, in that order. To name the goals yourself: "
                + "mvn factory:stitch factory:bake, once the files the Dockerfiles copy (a jar project's jar) exist.";
    }

    /** Reads the builds of the last stitch; a missing file is an input error that says to stitch first. */
    public static List<StitchedBuild> read(Path outputDir) {
        Path file = outputDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(missing(file));
        }
        try {
            JsonNode root = Json.read(file);
            if (!SCHEMA.equals(root.path("schema").asText())) {
                throw new BadInputException(
                        file + " is not a Factory builds file (schema '" + root.path("schema").asText()
                                + "'); run factory:stitch again.");
            }
            List<StitchedBuild> builds = Json.bind(root, Contents.class).builds();
            return builds == null ? List.of() : builds;
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read (" + e.getMessage() + "); run factory:stitch again.",
                    e);
        }
    }
}
