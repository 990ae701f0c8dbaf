package dev.factory.manifest;

import dev.factory.BadInputException;
import dev.factory.io.Hashing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Expands manifests and their plans into variants. A manifest without a plan is one variant; with
 * plans, each plan contributes the cross product of its axes (first axis varies slowest), minus
 * {@code exclude} rows, plus {@code include} rows. Build ids must be unique over everything expanded.
 */
public final class Variants {
    private static final int MAX_BUILD_ID = 96;

    /** Plans up to this many combinations are counted exactly (exclude rows applied); larger ones by their axes alone. */
    static final int EXACT_COUNT_LIMIT = 100_000;

    private Variants() {}

    /** How many variants a plan expands to: exact, or (for huge plans) an upper bound before its exclude rows. */
    public record Count(BigInteger variants, boolean exact) {}

    /**
     * Counts a plan's variants without expanding it: the product of its axis sizes (minus the exclude rows when
     * that product is small enough to walk), plus its include rows. An include row may repeat a row already
     * there, so includes count as an upper bound: the count never underestimates.
     */
    public static Count count(Plan plan) {
        BigInteger product = BigInteger.ONE;
        for (Plan.Axis axis : plan.axes().values()) {
            product = product.multiply(BigInteger.valueOf(axis.values().size()));
        }
        BigInteger includes = BigInteger.valueOf(plan.include().size());
        if (plan.exclude().isEmpty()) {
            return new Count(product.add(includes), true);
        }
        if (product.compareTo(BigInteger.valueOf(EXACT_COUNT_LIMIT)) > 0) {
            return new Count(product.add(includes), false);
        }
        return new Count(BigInteger.valueOf(countNotExcluded(plan, product.intValue())).add(includes), true);
    }

    /** Walks the combinations as indices (no maps are built) and counts those no exclude row matches. */
    private static long countNotExcluded(Plan plan, int combinations) {
        List<Plan.Axis> axes = new ArrayList<>(plan.axes().values());
        List<int[]> patterns = new ArrayList<>();
        for (Map<String, String> ex : plan.exclude()) {
            int[] wanted = new int[axes.size()];
            boolean possible = true;
            for (int a = 0; a < axes.size(); a++) {
                String v = ex.get(axes.get(a).key());
                wanted[a] = v == null ? -1 : axes.get(a).values().indexOf(v);
                possible &= v == null || wanted[a] >= 0;
            }
            if (possible) {
                patterns.add(wanted);
            }
        }
        int[] index = new int[axes.size()];
        long kept = 0;
        for (int n = 0; n < combinations; n++) {
            boolean excluded = false;
            for (int[] wanted : patterns) {
                boolean all = true;
                for (int a = 0; a < wanted.length && all; a++) {
                    all = wanted[a] < 0 || wanted[a] == index[a];
                }
                if (all) {
                    excluded = true;
                    break;
                }
            }
            if (!excluded) {
                kept++;
            }
            for (int a = index.length - 1; a >= 0; a--) {
                if (++index[a] < axes.get(a).values().size()) {
                    break;
                }
                index[a] = 0;
            }
        }
        return kept;
    }

    /**
     * Refuses a project whose manifests and plans would expand to more than {@code max} variants, before
     * anything is expanded: a plan whose axes multiply to 10^12 fails at once instead of running for hours.
     */
    public static void checkCount(List<Manifest> manifests, List<Plan> plans, int max) {
        BigInteger limit = BigInteger.valueOf(max);
        BigInteger total = BigInteger.ZERO;
        for (Manifest m : manifests) {
            if (plans.stream().noneMatch(p -> p.manifest().equals(m.id()))) {
                total = total.add(BigInteger.ONE);
            }
        }
        List<String> counted = new ArrayList<>();
        for (Plan plan : plans) {
            Count c = count(plan);
            total = total.add(c.variants());
            counted.add("plan " + plan.id() + ": " + c.variants());
            if (total.compareTo(limit) <= 0) {
                continue;
            }
            YamlNode axes = plan.root().get("axes");
            String sizes = plan.axes().values().stream().map(a -> a.values().size() + " " + a.key())
                    .collect(Collectors.joining(" × "));
            String counting = c.exact() ? "" : " (counted before its " + plan.exclude().size() + " exclude row(s))";
            String includes = plan.include().isEmpty() ? "" : " + " + plan.include().size() + " include row(s)";
            String what = c.variants().compareTo(limit) > 0
                    ? "plan '" + plan.id() + "' expands to " + c.variants() + " variants" + counting + " (" + sizes
                            + includes + ")"
                    : "with plan '" + plan.id() + "' (" + c.variants() + " variants: " + sizes + includes
                            + ") this project's "
                            + "manifests and plans expand to " + total + " variants (" + String.join(", ", counted)
                            + ")";
            throw new BadInputException(axes.keyLocation() + ": " + axes.path() + ": " + what + ", more than the " + max
                    + " variants Factory builds per project (" + InputLimits.MAX_VARIANTS
                    + "). Each variant is a Dockerfile, "
                    + "an image per platform, its tests and a record: narrow the axes or drop combinations with 'exclude'; "
                    + "if you mean to build that many, raise the limit with -D" + InputLimits.MAX_VARIANTS
                    + (total.bitLength() < 32 ? "=" + total : "") + ".");
        }
    }

    public static List<Variant> expand(List<Manifest> manifests, List<Plan> plans) {
        List<Variant> out = new ArrayList<>();
        for (Manifest m : manifests) {
            List<Plan> own = plans.stream().filter(p -> p.manifest().equals(m.id())).collect(Collectors.toList());
            if (own.isEmpty()) {
                out.add(variant(m, null, Map.of()));
            }
            for (Plan plan : own) {
                for (Map<String, String> row : rows(plan)) {
                    out.add(variant(m, plan, row));
                }
            }
        }
        checkUnique(out);
        return out;
    }

    static List<Map<String, String>> rows(Plan plan) {
        List<Map<String, String>> rows = new ArrayList<>();
        rows.add(new LinkedHashMap<>());
        for (Plan.Axis axis : plan.axes().values()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> row : rows) {
                for (String value : axis.values()) {
                    Map<String, String> r = new LinkedHashMap<>(row);
                    r.put(axis.key(), value);
                    next.add(r);
                }
            }
            rows = next;
        }
        rows.removeIf(row -> plan.exclude().stream().anyMatch(ex -> matches(row, ex)));
        for (Map<String, String> inc : plan.include()) {
            // an include names some axes; the others keep the manifest's own choice (absent from the row)
            Map<String, String> row = new LinkedHashMap<>();
            for (String key : plan.axes().keySet()) {
                if (inc.containsKey(key)) {
                    row.put(key, inc.get(key));
                }
            }
            if (!rows.contains(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static boolean matches(Map<String, String> row, Map<String, String> pattern) {
        return pattern.entrySet().stream().allMatch(e -> e.getValue().equals(row.get(e.getKey())));
    }

    private static Variant variant(Manifest m, Plan plan, Map<String, String> row) {
        String base = m.base();
        Map<Slot, FragmentRef> fragments = new EnumMap<>(m.fragments());
        Map<String, Plan.Axis> axes = plan == null ? Map.of() : plan.axes();
        // fragment choices first, so that parameter axes apply to the chosen fragment
        for (Map.Entry<String, String> e : row.entrySet()) {
            Plan.Axis axis = axes.get(e.getKey());
            if (axis.kind() == Plan.AxisKind.BASE) {
                base = e.getValue();
            } else if (axis.kind() == Plan.AxisKind.FRAGMENT) {
                FragmentRef current = fragments.get(axis.slot());
                FragmentRef chosen = current != null ? current.withChoice(e.getValue(), axis.at())
                        : FragmentRef.parse(axis.slot(), e.getValue(), new LinkedHashMap<>(), axis.at());
                ManifestLoader.checkName(axis.at(), chosen.name(), "fragment");
                fragments.put(axis.slot(), chosen);
            }
        }
        for (Map.Entry<String, String> e : row.entrySet()) {
            Plan.Axis axis = axes.get(e.getKey());
            if (axis.kind() == Plan.AxisKind.PARAM) {
                FragmentRef current = fragments.get(axis.slot());
                if (current == null) {
                    throw new BadInputException(axis.at().keyLocation() + ": " + axis.at().path() + ": axis '"
                            + axis.key()
                            + "' sets a parameter of slot " + axis.slot().id() + ", but manifest '" + m.id() + "' ("
                            + m.displayFile() + ") puts no fragment in that slot. Add one under fragments."
                            + axis.slot().id()
                            + " in the manifest, or add an axis '" + axis.slot().id() + "' that chooses it.");
                }
                fragments.put(axis.slot(), current.withParam(axis.param(), e.getValue()));
            }
        }
        List<String> platforms = plan != null && plan.platforms() != null ? plan.platforms() : m.platforms();
        String pool = plan != null && plan.pool() != null ? plan.pool() : m.pool();
        return new Variant(buildId(m.id(), row, axes), m, plan, row, base, fragments, platforms, pool, axes);
    }

    static String buildId(String manifestId, Map<String, String> row, Map<String, Plan.Axis> axes) {
        StringBuilder id = new StringBuilder(manifestId);
        for (Map.Entry<String, String> e : row.entrySet()) {
            String value = e.getValue();
            if (axes.get(e.getKey()).kind() == Plan.AxisKind.BASE) {
                // registry.example/lib/debian:bookworm-slim -> debian-bookworm-slim
                value = value.substring(value.lastIndexOf('/') + 1);
            }
            id.append('-').append(slug(value));
        }
        String built = id.toString();
        if (built.length() > MAX_BUILD_ID) {
            built = built.substring(0, MAX_BUILD_ID - 9) + "-" + Hashing.sha256(built).substring(0, 8);
        }
        return built;
    }

    static String slug(String value) {
        String s = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return s.isEmpty() ? "x" : s;
    }

    private static void checkUnique(List<Variant> variants) {
        Map<String, Variant> seen = new LinkedHashMap<>();
        for (Variant v : variants) {
            Variant first = seen.putIfAbsent(v.build(), v);
            if (first != null) {
                throw new BadInputException(where(v) + ": two variants have the same build id '" + v.build() + "': "
                        + describe(first) + " and " + describe(v)
                        + ". Build ids come from the manifest id and the axis values with every character other than "
                        + "a-z, 0-9, '.' and '_' turned into '-'; make the values differ after that (or remove the duplicate row).");
            }
        }
    }

    private static String where(Variant v) {
        if (v.plan() == null) {
            return v.manifest().root().get("id").location().toString();
        }
        return v.plan().root().get("axes").keyLocation().toString();
    }

    private static String describe(Variant v) {
        if (v.plan() == null) {
            return "manifest " + v.manifest().id() + " (" + v.manifest().displayFile() + ")";
        }
        return "plan " + v.plan().id() + " " + v.values() + " (" + v.plan().displayFile() + ")";
    }
}
