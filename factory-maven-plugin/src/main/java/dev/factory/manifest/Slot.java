package dev.factory.manifest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The places a fragment can fill, in the order the default template stacks them. */
public enum Slot {
    SECURITY, CORE, LIGHT, APP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Slot parse(String id) {
        for (Slot s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Slot::id).collect(Collectors.toList());
    }
}
