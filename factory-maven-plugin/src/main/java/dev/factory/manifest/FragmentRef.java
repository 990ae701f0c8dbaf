package dev.factory.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A manifest's choice for one slot: a fragment name, an optional version pin ({@code name@1.2.0})
 * and the parameters given to it. {@code at} is where it was written, for errors.
 */
public record FragmentRef(Slot slot, String name, String version, Map<String, Object> params, YamlNode at) {

    /** Parses {@code name} or {@code name@version}. */
    public static FragmentRef parse(Slot slot, String spec, Map<String, Object> params, YamlNode at) {
        int a = spec.indexOf('@');
        String name = a < 0 ? spec : spec.substring(0, a);
        String version = a < 0 ? null : spec.substring(a + 1);
        return new FragmentRef(slot, name.trim(), version == null ? null : version.trim(), params, at);
    }

    public String spec() {
        return version == null ? name : name + "@" + version;
    }

    public FragmentRef withChoice(String spec, YamlNode where) {
        FragmentRef chosen = parse(slot, spec, new LinkedHashMap<>(), where);
        // parameters stay with the fragment they were written for; a different fragment starts clean
        return chosen.name.equals(name) ? new FragmentRef(slot, chosen.name, chosen.version, params, where) : chosen;
    }

    public FragmentRef withParam(String param, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(params);
        merged.put(param, value);
        return new FragmentRef(slot, name, version, merged, at);
    }
}
