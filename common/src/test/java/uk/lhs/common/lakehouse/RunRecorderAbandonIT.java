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
    void staleRunningRecordsAreMarkedFailedAndALiveRunsOutcomeOutranksTheMark() {
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

        // A later stage does not mark it again: its latest row is no longer running.
        assertEquals(
                0,
                recorder(writer, "run-later", T0.plusSeconds(3700), Duration.ofMinutes(30))
                        .abandonStale(T0.plusSeconds(3700)));

        // The "killed" run was in fact alive (its clock even behind the marker's): its real outcome, appended after
        // the mark, is the latest row.
        killed.succeeded("ingest", killedStart, List.of(), List.of());
        Row real = status(lakehouse, "run-killed", "ingest");
        assertEquals("succeeded", real.getString(0));
        assertNull(real.get(1));
        // Append-only: running, the abandoned mark and the outcome of run-killed; running of run-next.
        assertEquals(4, lakehouse.read(Tables.PIPELINE_RUNS).count());
        assertEquals(
                List.of("failed", "running", "succeeded"),
                lakehouse
                        .read(Tables.PIPELINE_RUNS)
                        .filter("run_id = 'run-killed'")
                        .select("status")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList()
                        .stream()
                        .sorted()
                        .toList());
    }

    private static RunRecorder recorder(DeltaTableWriter writer, String runId, Instant now, Duration abandonAfter) {
        return new RunRecorder(
                SharedSpark.session(), writer, Clock.fixed(now, ZoneOffset.UTC), runId, INFO, abandonAfter);
    }

    private static Row status(Lakehouse lakehouse, String runId, String stage) {
        return RunRecorder.latest(lakehouse.read(Tables.PIPELINE_RUNS))
                .filter("run_id = '" + runId + "' AND stage = '" + stage + "'")
                .select("status", "error")
                .first();
    }
}
