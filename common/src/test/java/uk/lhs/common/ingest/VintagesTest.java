package uk.lhs.common.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.lhs.common.ingest.Vintages.TableMonth;
import uk.lhs.common.ingest.Vintages.Vintage;

class VintagesTest {
    private static final String AE = "silver.ae_monthly";
    private static final LocalDate APRIL = LocalDate.of(2024, 4, 1);
    private static final LocalDate MAY = LocalDate.of(2024, 5, 1);
    private static final Timestamp T1 = Timestamp.valueOf("2025-01-01 00:00:00");
    private static final Timestamp T2 = Timestamp.valueOf("2025-02-01 00:00:00");

    @Test
    void aFirstVintageIsRecordedOnceAndAReRunChangesNothing() {
        Map<TableMonth, Map<String, Long>> silver = Map.of(
                new TableMonth(AE, APRIL), Map.of("a1", 197L),
                new TableMonth(AE, MAY), Map.of("m1", 198L));
        List<Vintage> first = Vintages.changes(List.of(), silver, "run-1", T1);
        assertEquals(2, first.size());
        assertTrue(first.stream().allMatch(v -> v.current() && v.firstIngested().equals(T1)));
        assertEquals(List.of(), Vintages.changes(first, silver, "run-2", T2));
    }

    @Test
    void aReplacedMonthSupersedesTheEarlierVintageAndLeavesOtherMonthsAlone() {
        List<Vintage> stored = Vintages.changes(
                List.of(),
                Map.of(new TableMonth(AE, APRIL), Map.of("a1", 197L), new TableMonth(AE, MAY), Map.of("m1", 198L)),
                "run-1",
                T1);
        List<Vintage> changes = Vintages.changes(
                stored,
                Map.of(new TableMonth(AE, APRIL), Map.of("a2", 197L), new TableMonth(AE, MAY), Map.of("m1", 198L)),
                "run-2",
                T2);
        assertEquals(2, changes.size(), changes.toString());
        Vintage a2 = changes.stream()
                .filter(v -> v.sha256().equals("a2"))
                .findFirst()
                .orElseThrow();
        Vintage a1 = changes.stream()
                .filter(v -> v.sha256().equals("a1"))
                .findFirst()
                .orElseThrow();
        assertTrue(a2.current());
        assertEquals(T2, a2.firstIngested());
        assertEquals("run-2", a2.firstIngestRunId());
        assertEquals("a2", a1.supersededBy());
        assertEquals(T2, a1.supersededAt());
        assertEquals(T1, a1.firstIngested(), "the first vintage keeps when it was first ingested");
    }

    @Test
    void thePreviousVintageIsTheLastOneComparedElseTheFirst() {
        Vintage v1 = new Vintage(AE, APRIL, "a1", 1L, T1, "i1", "a2", T2, null);
        Vintage v2 = new Vintage(AE, APRIL, "a2", 1L, T2, "i2", "a3", T2, null);
        Vintage v3 = new Vintage(AE, APRIL, "a3", 1L, T2, "i3", null, null, null);
        assertEquals(
                "a1", Vintages.previous(v3, List.of(v1, v2, v3)).orElseThrow().sha256(), "none compared");
        Vintage v2compared = v2.comparedIn("ind-2");
        assertEquals(
                "a2",
                Vintages.previous(v3, List.of(v1, v2compared, v3)).orElseThrow().sha256(),
                "values were last computed from a2");
        assertTrue(Vintages.previous(v1, List.of(v1, v2, v3)).isEmpty(), "a first vintage superseded nothing");
    }

    @Test
    void rowsRoundTripThroughTheContractsColumnOrder() {
        Vintage v = new Vintage(AE, APRIL, "a1", 197L, T1, "run-1", null, null, null);
        assertEquals(
                v,
                Vintage.of(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                        rowValues(v), uk.lhs.common.tables.VintageTables.VINTAGES.schema())));
        assertNull(v.supersededBy());
    }

    private static Object[] rowValues(Vintage v) {
        org.apache.spark.sql.Row r = v.toRow();
        Object[] out = new Object[r.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.get(i);
        }
        return out;
    }
}
