package dev.factory.bake;

import dev.factory.BadInputException;
import dev.factory.manifest.Nearest;
import dev.factory.stitch.StitchedBuild;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code factory.rebuild}: builds that are baked, tested and recorded again although a passing record vouches for
 * them. {@code all}, or build ids separated by commas.
 */
public record Rebuild(boolean all, Set<String> builds) {
    public static final Rebuild NONE = new Rebuild(false, Set.of());
    public static final String PROPERTY = "factory.rebuild";

    public Rebuild {
        builds = Set.copyOf(builds);
    }

    public static Rebuild parse(String value) {
        if (value == null || value.isBlank() || value.trim().equals("false") || value.trim().equals("none")) {
            return NONE;
        }
        String v = value.trim();
        if (v.equals("all") || v.equals("true")) {
            return new Rebuild(true, Set.of());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : v.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        return new Rebuild(false, ids);
    }

    /** Whether this build is forced. */
    public boolean forces(String build) {
        return all || builds.contains(build);
    }

    /** Refuses a build id that no stitched build has: a typo would otherwise rebuild nothing, silently. */
    public void check(List<StitchedBuild> stitched) {
        List<String> ids = stitched.stream().map(StitchedBuild::build).toList();
        for (String id : builds) {
            if (!ids.contains(id)) {
                throw new BadInputException(
                        PROPERTY + "=" + id + ": no stitched build has that id" + Nearest.hint(id, ids)
                                + ". Write all, or build ids separated by commas (factory:matrix lists them): "
                                + String.join(", ", ids) + ".");
            }
        }
    }
}
