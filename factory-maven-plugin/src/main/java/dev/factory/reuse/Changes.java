package dev.factory.reuse;

import dev.factory.bake.Rebuild;
import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import dev.factory.stitch.StitchedBuild;
import dev.factory.stitch.VariantKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which cells (variant × platform) a change touches, compared with the last records: the stitched builds (their
 * fingerprint, fragments, manifest digest, base digest, and so their key) against the newest record of each cell and
 * the newest record of each key. A cell whose key has a newest record that passed is unchanged: that record vouches
 * for it. Every other cell is built and tested, and says why.
 */
public final class Changes {
    /** What a cell needs. */
    public enum Verdict {
        /** a passing record of the same key vouches for it */
        UNCHANGED,
        /** its inputs differ from its last record's */
        CHANGED,
        /** no record of it yet */
        NEW,
        /** its inputs are those of its last record, which did not pass */
        RETEST,
        /** factory.rebuild names it */
        FORCED,
        /** it has no key (its base digest is unknown): nothing can vouch for it */
        UNKNOWN;

        public boolean runs() {
            return this != UNCHANGED;
        }
    }

    /**
     * One variant on one platform.
     *
     * @param reasons why it runs, or (unchanged) which record vouches; each independent of the cell, so that cells
     *     can be grouped by them
     * @param last the newest record of this build and platform, or null
     * @param ofKey the newest record of this cell's key (the one that vouches when it passed), or null
     */
    public record Cell(StitchedBuild build, String platform, String key, Verdict verdict, List<String> reasons,
            LoadedRecords.Loaded last, LoadedRecords.Loaded ofKey) {
        public String name() {
            return build.build() + " " + platform;
        }
    }

    /** A base whose digest on a platform differs from the one its cells' last records name. */
    public record MovedBase(String ref, String platform, String from, String to, List<String> cells) {}

    private Changes() {}

    /**
     * @param projectArgs the build arguments the project adds to every target (as bake passes them)
     * @param manifestDigest a build's manifest digest as stitched ({@code sha256:...}), or null when unknown
     */
    public static List<Cell> compare(List<StitchedBuild> builds, LoadedRecords records, Map<String, String> projectArgs,
            Rebuild rebuild, Function<StitchedBuild, String> manifestDigest) {
        Map<String, LoadedRecords.Loaded> lastOfCell = new HashMap<>();
        Map<String, LoadedRecords.Loaded> lastOfKey = new HashMap<>();
        Comparator<LoadedRecords.Loaded> byCreated = Comparator.comparing(l -> l.record().created());
        for (LoadedRecords.Loaded l : records.records()) {
            CompatibilityRecord r = l.record();
            lastOfCell.merge(r.build() + " " + r.image().platform(), l, (a, b) -> byCreated.compare(a, b) >= 0 ? a : b);
            if (r.key() != null) {
                lastOfKey.merge(r.key(), l, (a, b) -> byCreated.compare(a, b) >= 0 ? a : b);
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (StitchedBuild b : builds) {
            for (String platform : b.platforms()) {
                String key = VariantKey.of(b, platform, projectArgs);
                LoadedRecords.Loaded last = lastOfCell.get(b.build() + " " + platform);
                LoadedRecords.Loaded ofKey = key == null ? null : lastOfKey.get(key);
                Verdict verdict;
                List<String> reasons = new ArrayList<>();
                if (rebuild.forces(b.build())) {
                    verdict = Verdict.FORCED;
                    reasons.add("forced (" + Rebuild.PROPERTY + ")");
                } else if (ofKey != null && ofKey.record().passed()) {
                    verdict = Verdict.UNCHANGED;
                    reasons.add("vouched for by a passing record");
                } else if (ofKey != null) {
                    verdict = Verdict.RETEST;
                    reasons.add(
                            "same inputs as its last record, which is a " + ofKey.record().status() + ": tested again");
                } else if (key == null) {
                    verdict = Verdict.UNKNOWN;
                    reasons.add(
                            "base " + b.base() + " has no digest (it could not be resolved): nothing vouches for it");
                } else if (last == null) {
                    verdict = Verdict.NEW;
                    reasons.add("new: no record of it yet");
                } else {
                    verdict = Verdict.CHANGED;
                    reasons.addAll(differences(b, platform, last.record(), manifestDigest.apply(b)));
                }
                cells.add(new Cell(b, platform, key, verdict, reasons, last, ofKey));
            }
        }
        return cells;
    }

    /** What differs between a build and the last record of its cell, most specific first. */
    static List<String> differences(StitchedBuild b, String platform, CompatibilityRecord last, String manifestDigest) {
        List<String> reasons = new ArrayList<>();
        if (manifestDigest != null && !manifestDigest.equals(last.manifestDigest())) {
            reasons.add("manifest " + b.manifestFile() + " changed");
        }
        Map<String, CompatibilityRecord.Fragment> before = new LinkedHashMap<>();
        last.fragments().forEach(f -> before.put(f.slot(), f));
        for (StitchedBuild.FragmentUse f : b.fragments()) {
            CompatibilityRecord.Fragment old = before.remove(f.slot());
            if (old == null) {
                reasons.add("fragment " + f.slot() + "/" + f.name() + " added");
            } else if (!old.name().equals(f.name())) {
                reasons.add("fragment " + f.slot() + "/" + old.name() + " replaced by " + f.slot() + "/" + f.name());
            } else if (!old.sha256().equals(f.sha256())) {
                reasons.add("fragment " + f.slot() + "/" + f.name() + " changed (sha256 " + brief(old.sha256()) + " -> "
                        + brief(f.sha256()) + ")");
            }
        }
        before.values().forEach(f -> reasons.add("fragment " + f.slot() + "/" + f.name() + " removed"));
        if (reasons.isEmpty() && !Objects.equals(b.fingerprint(), last.fingerprint())) {
            reasons.add(
                    "the rendered Dockerfile changed (its template, the plan's values or the project's properties)");
        }
        String digest = b.baseDigests().get(platform);
        if (last.base() == null) {
            reasons.add("its last record names no base digest (made before Factory recorded them)");
        } else if (!last.base().ref().equals(b.base())) {
            reasons.add("base " + last.base().ref() + " replaced by " + b.base());
        } else if (!Objects.equals(last.base().digest(), digest)) {
            reasons.add("base " + b.base() + " moved on " + platform + " (" + brief(last.base().digest()) + " -> "
                    + brief(digest) + ")");
        }
        if (reasons.isEmpty()) {
            reasons.add(last.key() == null ? "its last record has no key" : "the build arguments changed");
        }
        return reasons;
    }

    /** The bases whose digest moved since their cells' last records, grouped by base, platform and digests. */
    public static List<MovedBase> movedBases(List<Cell> cells) {
        Map<List<String>, List<String>> moved = new LinkedHashMap<>();
        for (Cell c : cells) {
            String now = c.build().baseDigests().get(c.platform());
            if (c.last() == null || now == null) {
                continue;
            }
            CompatibilityRecord.Base was = c.last().record().base();
            if (was == null || was.digest() == null || !was.ref().equals(c.build().base())
                    || was.digest().equals(now)) {
                continue;
            }
            moved.computeIfAbsent(List.of(c.build().base(), c.platform(), was.digest(), now), k -> new ArrayList<>())
                    .add(c.build().build());
        }
        List<MovedBase> out = new ArrayList<>();
        moved.forEach((k, builds) -> out.add(new MovedBase(k.get(0), k.get(1), k.get(2), k.get(3), builds)));
        return out;
    }

    /** {@code sha256:0123456789ab} from a digest or hex, for one-line messages; {@code none} for null. */
    static String brief(String digest) {
        if (digest == null) {
            return "none";
        }
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return (digest.startsWith("sha256:") ? "sha256:" : "") + hex.substring(0, Math.min(12, hex.length()));
    }
}
