package dev.factory.report;

import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The records arranged for reading: per manifest, per plan a table whose rows are the variants (by their
 * axis values) and whose columns are the platforms. A cell holds every record of its variant and platform,
 * newest first; the newest decides the cell. Everything is sorted, so the same records give the same matrix.
 */
public final class CompatibilityMatrix {
    /** How many of a cell's latest statuses the history shows. */
    public static final int HISTORY = 10;

    private final List<ManifestSection> manifests;
    private final int recordCount;
    private final Instant asOf;

    private CompatibilityMatrix(List<ManifestSection> manifests, int recordCount, Instant asOf) {
        this.manifests = manifests;
        this.recordCount = recordCount;
        this.asOf = asOf;
    }

    /**
     * One manifest.
     *
     * @param manifestDigest the newest record's manifest digest
     * @param earlierDigests how many other manifest digests older records have
     */
    public record ManifestSection(String manifestId, String manifestDigest, int earlierDigests, List<PlanTable> plans) {
        /** An id for HTML anchors. */
        public String anchor() {
            return "m-" + manifestId;
        }
    }

    /** @param plan null for the manifest's own build */
    public record PlanTable(String plan, List<String> axes, List<String> platforms, List<Row> rows) {}

    /** One variant: its axis values and its cell per platform (absent where it has no record). */
    public record Row(Map<String, String> variant, String build, Map<String, Cell> cells) {
        /** The cells whose newest record is not a pass, by platform order. */
        public List<Cell> troubled() {
            return cells.values().stream().filter(c -> !c.newest().record().passed()).toList();
        }
    }

    /**
     * Every record of one variant on one platform, newest first.
     */
    public record Cell(String platform, List<LoadedRecords.Loaded> history) {
        public LoadedRecords.Loaded newest() {
            return history.get(0);
        }

        public String status() {
            return newest().record().status();
        }

        public int runs() {
            return history.size();
        }

        public long count(String status) {
            return history.stream().filter(l -> l.record().status().equals(status)).count();
        }

        /** The latest {@link #HISTORY} statuses, oldest first (for a left-to-right strip). */
        public List<String> recentStatuses() {
            List<String> out = new ArrayList<>();
            for (int i = Math.min(HISTORY, history.size()) - 1; i >= 0; i--) {
                out.add(history.get(i).record().status());
            }
            return out;
        }
    }

    public List<ManifestSection> manifests() {
        return manifests;
    }

    public int recordCount() {
        return recordCount;
    }

    /** The newest record's time; null without records. */
    public Instant asOf() {
        return asOf;
    }

    /** Newest-status counts over all cells: pass, fail, error. */
    public Map<String, Integer> cellCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(CompatibilityRecord.PASS, 0);
        counts.put(CompatibilityRecord.FAIL, 0);
        counts.put(CompatibilityRecord.ERROR, 0);
        forEachCell((m, t, r, c) -> counts.merge(c.status(), 1, Integer::sum));
        return counts;
    }

    /** Visits every cell in display order. */
    public void forEachCell(CellVisitor visitor) {
        for (ManifestSection m : manifests) {
            for (PlanTable t : m.plans()) {
                for (Row r : t.rows()) {
                    for (String p : t.platforms()) {
                        Cell c = r.cells().get(p);
                        if (c != null) {
                            visitor.visit(m, t, r, c);
                        }
                    }
                }
            }
        }
    }

    @FunctionalInterface
    public interface CellVisitor {
        void visit(ManifestSection manifest, PlanTable table, Row row, Cell cell);
    }

    /** Newest first: by created, then by source name (so equal times still order the same way every time). */
    static final Comparator<LoadedRecords.Loaded> NEWEST_FIRST = Comparator
            .comparing((LoadedRecords.Loaded l) -> l.record().created()).reversed()
            .thenComparing(LoadedRecords.Loaded::source, Comparator.reverseOrder());

    public static CompatibilityMatrix of(List<LoadedRecords.Loaded> records) {
        // manifest -> plan ("" for none) -> variant key -> platform -> records
        Map<String, Map<String, Map<String, Map<String, List<LoadedRecords.Loaded>>>>> grouped = new TreeMap<>();
        Instant asOf = null;
        for (LoadedRecords.Loaded l : records) {
            CompatibilityRecord r = l.record();
            grouped.computeIfAbsent(r.manifestId(), k -> new TreeMap<>(NULL_FIRST))
                    .computeIfAbsent(Objects.toString(r.plan(), ""), k -> new LinkedHashMap<>())
                    .computeIfAbsent(variantKey(r.variant()), k -> new TreeMap<>())
                    .computeIfAbsent(r.image().platform(), k -> new ArrayList<>())
                    .add(l);
            asOf = asOf == null || r.created().isAfter(asOf) ? r.created() : asOf;
        }
        List<ManifestSection> sections = new ArrayList<>();
        for (var manifest : grouped.entrySet()) {
            List<PlanTable> tables = new ArrayList<>();
            LoadedRecords.Loaded newestOfManifest = null;
            Set<String> digests = new TreeSet<>();
            for (var plan : manifest.getValue().entrySet()) {
                List<Row> rows = new ArrayList<>();
                Set<String> platforms = new TreeSet<>(NATURAL);
                LoadedRecords.Loaded newestOfPlan = null;
                Set<String> allAxes = new TreeSet<>();
                for (var variant : plan.getValue().entrySet()) {
                    Map<String, Cell> cells = new LinkedHashMap<>();
                    for (var platform : variant.getValue().entrySet()) {
                        List<LoadedRecords.Loaded> history = new ArrayList<>(platform.getValue());
                        history.sort(NEWEST_FIRST);
                        cells.put(platform.getKey(), new Cell(platform.getKey(), List.copyOf(history)));
                        platforms.add(platform.getKey());
                        for (LoadedRecords.Loaded l : history) {
                            digests.add(l.record().manifestDigest());
                            allAxes.addAll(l.record().variant().keySet());
                        }
                        LoadedRecords.Loaded head = history.get(0);
                        newestOfPlan = newestOfPlan == null || NEWEST_FIRST.compare(head, newestOfPlan) < 0 ? head
                                : newestOfPlan;
                    }
                    LoadedRecords.Loaded any = cells.values().iterator().next().newest();
                    rows.add(new Row(any.record().variant(), any.record().build(), cells));
                }
                // the newest record's axis order is the plan's order now; axes only older records had go last
                List<String> axes = new ArrayList<>(newestOfPlan.record().variant().keySet());
                allAxes.stream().filter(a -> !axes.contains(a)).forEach(axes::add);
                List<String> sortedPlatforms = List.copyOf(platforms);
                List<Row> sortedRows = rows.stream()
                        .map(r -> new Row(r.variant(), r.build(), ordered(r.cells(), sortedPlatforms)))
                        .sorted(rowOrder(axes)).toList();
                tables.add(new PlanTable(plan.getKey().isEmpty() ? null : plan.getKey(), List.copyOf(axes),
                        sortedPlatforms,
                        sortedRows));
                newestOfManifest = newestOfManifest == null || NEWEST_FIRST.compare(newestOfPlan, newestOfManifest) < 0
                        ? newestOfPlan : newestOfManifest;
            }
            String digest = newestOfManifest.record().manifestDigest();
            sections.add(new ManifestSection(manifest.getKey(), digest, digests.size() - 1, List.copyOf(tables)));
        }
        return new CompatibilityMatrix(List.copyOf(sections), records.size(), asOf);
    }

    private static Map<String, Cell> ordered(Map<String, Cell> cells, List<String> platforms) {
        Map<String, Cell> out = new LinkedHashMap<>();
        for (String p : platforms) {
            if (cells.containsKey(p)) {
                out.put(p, cells.get(p));
            }
        }
        return out;
    }

    private static Comparator<Row> rowOrder(List<String> axes) {
        return (a, b) -> {
            for (String axis : axes) {
                int c = NATURAL.compare(a.variant().getOrDefault(axis, ""), b.variant().getOrDefault(axis, ""));
                if (c != 0) {
                    return c;
                }
            }
            return a.build().compareTo(b.build());
        };
    }

    /** A canonical key of a variant: sorted axis=value pairs. */
    private static String variantKey(Map<String, String> variant) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(variant).forEach((k, v) -> s.append(k).append('\u0000').append(v).append('\u0001'));
        return s.toString();
    }

    /** The manifest's own build ("" plan) before its plans. */
    private static final Comparator<String> NULL_FIRST = Comparator.comparing((String s) -> !s.isEmpty())
            .thenComparing(Comparator.naturalOrder());

    /** Text with numbers compared as numbers: 8 before 11 before 17, linux/arm/v7 before linux/arm64. */
    static final Comparator<String> NATURAL = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    };
}
