package dev.factory.bake;

import java.util.Map;

/**
 * The passing records that vouch for variants, by variant key: bake skips a target whose key a passing record has
 * when the image that record names is still where it went, and test, sbom and record then leave it alone. The
 * records come from the records folder, a committed folder or the registry (see dev.factory.reuse).
 */
public interface Vouchers {
    /**
     * A record that vouches: it passed, and it is the newest record of its key and image digest.
     *
     * @param digest the image digest the record names (what image.json named when it was tested)
     * @param record where the record is, as shown to the user
     * @param created when it was made ({@code 2026-11-25T10:15:30Z})
     * @param run its test run
     */
    record Voucher(String key, String digest, String record, String created, String run) {}

    /** No record vouches for anything. */
    Vouchers NONE = new Vouchers() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Map<String, Voucher> forKey(String key) {
            return Map.of();
        }
    };

    /** Cheap: whether there may be records at all (a records folder with files, or the registry as source). */
    boolean available();

    /** For one key, the vouching record per image digest; empty when none passed (or the newest of a digest did not). */
    Map<String, Voucher> forKey(String key);
}
