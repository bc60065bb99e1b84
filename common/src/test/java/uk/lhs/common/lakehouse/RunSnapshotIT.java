package uk.lhs.common.lakehouse;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.Layer;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.testing.SharedSpark;

/** Pinning a run: versions per table, tables the run did not write, failed runs, time-travel reads. */
class RunSnapshotIT {
    static final TableContract MEASURES = contract(Layer.SILVER, "measures");
    static final TableContract SUMMARY = contract(Layer.GOLD, "summary");
    static final RunRecorder.RunInfo INFO = new RunRecorder.RunInfo("abc123", "cfg", "0.1.0", "local[2]", "test", null);

    static Lakehouse lakehouse;
    static DeltaTableWriter writer;
    static TickingClock clock = new TickingClock();
    static String run1;
    static String run2;
    static String run3;
    static long measuresV1;
    static long measuresV2;
    static long summaryV1;

    static TableContract contract(Layer layer, String name) {
        return TableContract.builder(layer, name)
                .release(Release.EXACT)
                .description("test")
                .required("org", StringType, "organisation")
                .column("value", DoubleType, "value")
                .keys("org")
                .build();
    }

    /** A clock that moves on one second at every reading, so stages have distinct start and end times. */
    static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T02:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static WriteResult put(TableContract t, String org, double value) {
        return writer.writeRows(t, List.of(RowFactory.create(org, value)), null);
    }

    @BeforeAll
    static void threeRuns() {
        lakehouse = new Lakehouse(
                SharedSpark.session(), SharedSpark.newLakehouse("snapshot").toString());
        writer = new DeltaTableWriter(lakehouse, 2, "interval 365 days", "interval 365 days");
        // Run 1 writes both tables.
        RunRecorder r1 = new RunRecorder(lakehouse.spark(), writer, clock, "run-1", INFO);
        Instant s = r1.started("ingest");
        WriteResult m1 = put(MEASURES, "RXX", 1.0);
        WriteResult g1 = put(SUMMARY, "RXX", 10.0);
        r1.succeeded("ingest", s, List.of(new InputFile("landing/ae-2025-01.csv", "aa11", 10L)), List.of(m1, g1));
        // Run 2 revises the measures only; the summary stays as run 1 left it.
        RunRecorder r2 = new RunRecorder(lakehouse.spark(), writer, clock, "run-2", INFO);
        s = r2.started("ingest");
        WriteResult m2 = put(MEASURES, "RXX", 2.0);
        r2.succeeded("ingest", s, List.of(new InputFile("landing/ae-2025-01.csv", "bb22", 10L)), List.of(m2));
        // Run 3 writes the summary, then fails.
        RunRecorder r3 = new RunRecorder(lakehouse.spark(), writer, clock, "run-3", INFO);
        s = r3.started("summarise");
        WriteResult g3 = put(SUMMARY, "RXX", 30.0);
        r3.failed("summarise", s, "boom", List.of(), List.of(g3));
        run1 = "run-1";
        run2 = "run-2";
        run3 = "run-3";
        measuresV1 = m1.version();
        measuresV2 = m2.version();
        summaryV1 = g1.version();
        assertTrue(measuresV2 > measuresV1 && g3.version() > summaryV1, "the runs really committed new versions");
    }

    static double value(RunSnapshot snap, TableContract t) {
        Row r = snap.read(t).first();
        return r.getDouble(r.fieldIndex("value"));
    }

    @Test
    void pinsEveryTableAtTheVersionCurrentWhenTheRunEnded() {
        RunSnapshot first = lakehouse.asOfRun(run1);
        assertEquals(Map.of("silver.measures", measuresV1, "gold.summary", summaryV1), first.versions());
        assertEquals(1.0, value(first, MEASURES));
        assertEquals(10.0, value(first, SUMMARY));
        assertEquals("succeeded", first.status());
        assertEquals(List.of("ingest"), first.stages());

        RunSnapshot second = lakehouse.asOfRun(run2);
        assertEquals(measuresV2, second.version(MEASURES));
        assertEquals(summaryV1, second.version(SUMMARY), "a table run 2 did not write is read as run 1 left it");
        assertEquals(2.0, value(second, MEASURES));
        assertEquals(10.0, value(second, SUMMARY));
        assertEquals(java.util.Set.of("silver.measures"), second.writtenByRun());
        assertFalse(second.versions().containsKey("gold.pipeline_runs"), "pipeline_runs is not pinned");
    }

    @Test
    void latestMeansTheLatestRunWhoseStagesAllSucceeded() {
        assertEquals(run2, lakehouse.asOfRun(null).runId());
        assertEquals(run2, lakehouse.asOfRun(RunSnapshot.LATEST).runId());
        RunSnapshot failed = lakehouse.asOfRun(run3);
        assertEquals("failed", failed.status());
        assertEquals(30.0, value(failed, SUMMARY), "a failed run named explicitly shows what it committed");
        assertEquals(30.0, lakehouse.read(SUMMARY).first().getDouble(1), "the current table has moved on");
    }

    @Test
    void provenanceNamesTheRunCodeTablesAndFiles() {
        String text = lakehouse.asOfRun(run2).provenance();
        assertTrue(text.startsWith("run run-2 (succeeded)"), text);
        assertTrue(text.contains("git commit abc123"), text);
        assertTrue(text.contains("silver.measures") && text.contains("v" + measuresV2), text);
        assertTrue(text.contains("landing/ae-2025-01.csv  sha256 bb22  rows 10"), text);
    }

    @Test
    void unknownRunsAndMissingTablesAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lakehouse.asOfRun("nope"));
        assertTrue(e.getMessage().contains("run-3"), e.getMessage());
        RunSnapshot first = lakehouse.asOfRun(run1);
        TableContract absent = contract(Layer.GOLD, "absent");
        IllegalStateException m = assertThrows(IllegalStateException.class, () -> first.read(absent));
        assertTrue(m.getMessage().contains("gold.absent did not exist"), m.getMessage());
    }

    @Test
    void aStageOfAnotherRunCountsOnlyIfItEndedBeforeThePinnedRunEnded() {
        Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
        StageRecord slow = new StageRecord(
                "a",
                "ingest",
                "succeeded",
                t0,
                t0.plusSeconds(100),
                null,
                List.of(),
                Map.of("silver.x", 7L),
                "c",
                "h",
                "v");
        StageRecord quick = new StageRecord(
                "b",
                "ingest",
                "succeeded",
                t0.plusSeconds(10),
                t0.plusSeconds(20),
                null,
                List.of(),
                Map.of("silver.x", 5L, "silver.y", 3L),
                "c",
                "h",
                "v");
        RunSnapshot b = RunSnapshot.resolve(lakehouse, List.of(slow, quick), "b");
        assertEquals(Map.of("silver.x", 5L, "silver.y", 3L), b.versions(), "run a's commit came after b ended");
        RunSnapshot a = RunSnapshot.resolve(lakehouse, List.of(slow, quick), "a");
        assertEquals(Map.of("silver.x", 7L, "silver.y", 3L), a.versions());
        assertEquals(
                "b",
                RunSnapshot.resolve(lakehouse, List.of(slow, quick), null).runId(),
                "latest is the succeeded run that started last");
    }
}
