package dev.factory.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factory.bake.Vouchers;
import dev.factory.record.LoadedRecords;
import dev.factory.stitch.StitchedBuild;
import dev.factory.stitch.VariantKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordVouchersTest {
    @Test
    void perKeyAndImageTheNewestRecordDecides() {
        StitchedBuild a = ChangesTest.build("a", "sha256:fa", "1".repeat(64), ChangesTest.d('b'));
        String key = VariantKey.of(a, ChangesTest.AMD, Map.of());
        LoadedRecords.Loaded passX = ChangesTest.record(a, "pass", "2026-11-25T10:00:00Z", ChangesTest.d('x'));
        LoadedRecords.Loaded failX = ChangesTest.record(a, "fail", "2026-11-26T10:00:00Z", ChangesTest.d('x'));
        LoadedRecords.Loaded passY = ChangesTest.record(a, "pass", "2026-11-24T10:00:00Z", ChangesTest.d('y'));
        Map<String, Map<String, Vouchers.Voucher>> index = RecordVouchers
                .index(new LoadedRecords(List.of(passX, failX, passY), List.of()));
        assertEquals(
                Map.of(ChangesTest.d('y'),
                        new Vouchers.Voucher(key, ChangesTest.d('y'), passY.source(), "2026-11-24T10:00:00Z",
                                "run-2026-11-24T10:00:00Z")),
                index.get(key), "image x failed last: only image y is vouched for");
    }
}
