package dev.factory.stitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code target/factory/builds.json}: everything the later goals need to build, test and
 * record one variant, without reading the manifests again. Paths are relative to the project directory.
 */
public record StitchedBuild(
        String build,
        String manifestId,
        String manifestFile,
        String plan,
        String planFile,
        Map<String, String> variant,
        String base,
        String image,
        List<String> tags,
        List<String> platforms,
        String pool,
        String template,
        List<FragmentUse> fragments,
        String dockerfile,
        Map<String, String> labels,
        Map<String, String> buildArgs,
        String fingerprint) {

    /** A fragment as used by a build. */
    public record FragmentUse(String slot, String name, String version, String source, String sha256) {}

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("build", build);
        o.put("manifest_id", manifestId);
        o.put("manifest_file", manifestFile);
        o.put("plan", plan);
        o.put("plan_file", planFile);
        ObjectNode v = o.putObject("variant");
        variant.forEach(v::put);
        o.put("base", base);
        o.put("image", image);
        ArrayNode t = o.putArray("tags");
        tags.forEach(t::add);
        ArrayNode p = o.putArray("platforms");
        platforms.forEach(p::add);
        o.put("pool", pool);
        o.put("template", template);
        ArrayNode f = o.putArray("fragments");
        for (FragmentUse use : fragments) {
            ObjectNode u = f.addObject();
            u.put("slot", use.slot());
            u.put("name", use.name());
            u.put("version", use.version());
            u.put("source", use.source());
            u.put("sha256", use.sha256());
        }
        o.put("dockerfile", dockerfile);
        ObjectNode l = o.putObject("labels");
        labels.forEach(l::put);
        ObjectNode a = o.putObject("build_args");
        buildArgs.forEach(a::put);
        o.put("fingerprint", fingerprint);
        return o;
    }

    public static StitchedBuild fromJson(JsonNode o) {
        List<FragmentUse> fragments = new ArrayList<>();
        for (JsonNode u : o.path("fragments")) {
            fragments.add(new FragmentUse(u.path("slot").asText(), u.path("name").asText(), u.path("version").asText(),
                    u.path("source").asText(), u.path("sha256").asText()));
        }
        return new StitchedBuild(o.path("build").asText(), o.path("manifest_id").asText(), o.path("manifest_file").asText(),
                Json.textOrNull(o, "plan"), Json.textOrNull(o, "plan_file"), strings(o.path("variant")), o.path("base").asText(),
                o.path("image").asText(), list(o.path("tags")), list(o.path("platforms")), Json.textOrNull(o, "pool"),
                o.path("template").asText(), fragments, o.path("dockerfile").asText(), strings(o.path("labels")),
                strings(o.path("build_args")), o.path("fingerprint").asText());
    }


    private static List<String> list(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
