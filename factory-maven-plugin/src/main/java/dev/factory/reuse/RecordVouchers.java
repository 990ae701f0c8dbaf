package dev.factory.reuse;

import dev.factory.bake.Vouchers;
import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import dev.factory.stitch.StitchedBuild;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The vouchers bake asks for, read from the records once and only when a key is asked for. For each key and image
 * digest the newest record decides: a pass vouches, a fail or an error never does (not even when an older record of
 * the same image passed).
 */
public final class RecordVouchers implements Vouchers {
    private final RecordsFrom from;
    private final java.util.function.Supplier<List<StitchedBuild>> builds;
    private final Consumer<String> log;
    private final Consumer<String> warn;
    private Map<String, Map<String, Voucher>> byKey;

    public RecordVouchers(RecordsFrom from, java.util.function.Supplier<List<StitchedBuild>> builds,
            Consumer<String> log, Consumer<String> warn) {
        this.from = from;
        this.builds = builds;
        this.log = log;
        this.warn = warn;
    }

    @Override
    public boolean available() {
        return from.available();
    }

    @Override
    public synchronized Map<String, Voucher> forKey(String key) {
        if (byKey == null) {
            LoadedRecords loaded = from.load(builds.get(), warn);
            byKey = index(loaded);
            if (!loaded.skipped().isEmpty()) {
                warn.accept("Records that cannot vouch for anything (not valid records): " + loaded.skipped().size()
                        + ", first "
                        + loaded.skipped().get(0).source() + " (" + loaded.skipped().get(0).reason() + ")");
            }
            log.accept("Records read for reuse from " + from.describe() + ": " + loaded.records().size() + ", of which "
                    + byKey.values().stream().mapToInt(Map::size).sum() + " vouch for a key and image");
        }
        return byKey.getOrDefault(key, Map.of());
    }

    /** Per key, per image digest, the newest record when it passed. */
    static Map<String, Map<String, Voucher>> index(LoadedRecords loaded) {
        Map<String, Map<String, LoadedRecords.Loaded>> newest = new HashMap<>();
        Comparator<LoadedRecords.Loaded> byCreated = Comparator.comparing(l -> l.record().created());
        for (LoadedRecords.Loaded l : loaded.records()) {
            CompatibilityRecord r = l.record();
            if (r.key() == null || r.image().digest() == null || r.created() == null) {
                continue;
            }
            newest.computeIfAbsent(r.key(), k -> new HashMap<>()).merge(r.image().digest(), l,
                    (a, b) -> byCreated.compare(a, b) >= 0 ? a : b);
        }
        Map<String, Map<String, Voucher>> out = new HashMap<>();
        newest.forEach((key, byDigest) -> byDigest.forEach((digest, l) -> {
            if (l.record().passed()) {
                out.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(digest, new Voucher(key, digest, l.source(),
                        l.record().createdText(), l.record().run()));
            }
        }));
        return out;
    }
}
