package uk.lhs.common.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.testing.SharedSpark;

/** A run killed mid-stage is marked abandoned by a later stage, but only after the configured time. */
class RunRecorderAbandonIT {
    private static final Instant T0 = Instant.parse("2026-01-05T02:00:00Z");
    private static final RunRecorder.RunInfo INFO =
            new RunRecorder.RunInfo("abc", "hash", "0.1", "local[2]", "test", null);

    @Test
    void staleRunningRecordsAreMarkedFailedAndALiveRunOverwritesTheMark() {
        Lakehouse lakehouse = new Lakehouse(
                SharedSpark.session(), SharedSpark.newLakehouse("abandon").toString());
        DeltaTableWriter writer = new DeltaTableWriter(lakehouse, 3, "interval 1 days", "interval 1 days");
        RunRecorder killed = recorder(writer, "run-killed", T0, Duration.ofMinutes(30));
        Instant killedStart = killed.started("ingest");

        // 10 minutes later: younger than the threshold, so left alone.
        RunRecorder early = recorder(writer, "run-early", T0.plusSeconds(600), Duration.ofMinutes(30));
        assertEquals(0, early.abandonStale(T0.plusSeconds(600)));
        assertEquals("running", status(lakehouse, "run-killed", "ingest").getString(0));

        // An hour later a new stage starts: the killed run's record is failed (abandoned), its own is running.
        RunRecorder next = recorder(writer, "run-next", T0.plusSeconds(3600), Duration.ofMinutes(30));
        next.started("indicators");
        Row marked = status(lakehouse, "run-killed", "ingest");
        assertEquals("failed", marked.getString(0));
        assertTrue(
                marked.getString(1).startsWith(RunRecorder.ABANDONED + ": still 'running' when run run-next"),
                marked.getString(1));
        assertEquals("running", status(lakehouse, "run-next", "indicators").getString(0));

        // The "killed" run was in fact alive: its real outcome replaces the mark.
        killed.succeeded("ingest", killedStart, List.of(), List.of());
        Row real = status(lakehouse, "run-killed", "ingest");
        assertEquals("succeeded", real.getString(0));
        assertNull(real.get(1));
        assertEquals(2, lakehouse.read(Tables.PIPELINE_RUNS).count());
    }

    private static RunRecorder recorder(DeltaTableWriter writer, String runId, Instant now, Duration abandonAfter) {
        return new RunRecorder(
                SharedSpark.session(), writer, Clock.fixed(now, ZoneOffset.UTC), runId, INFO, abandonAfter);
    }

    private static Row status(Lakehouse lakehouse, String runId, String stage) {
        return lakehouse
                .read(Tables.PIPELINE_RUNS)
                .filter("run_id = '" + runId + "' AND stage = '" + stage + "'")
                .select("status", "error")
                .first();
    }
}
