package uk.lhs.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.RunRecorder;
import uk.lhs.common.lakehouse.StageRecord;

/** When a stage may be skipped: every rule of {@link UpToDate} once, with the record of a real earlier success. */
class UpToDateTest {
    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");
    private static final RunRecorder.RunInfo NOW =
            new RunRecorder.RunInfo("c1", "cfg", "0.1", "local", "test", null, "set");
    private static final List<InputFile> FILES = List.of(new InputFile("file:/conf/indicators/ae.yaml", "aa", null));

    /** indicators read silver.ae_monthly v4 and bronze.x v2 (which it also wrote, at v3), and wrote gold.values v7. */
    private static StageRecord earlier(String runId, String status, Instant started, String error) {
        return new StageRecord(
                runId,
                "indicators",
                status,
                started,
                started.plusSeconds(60),
                null,
                List.of(),
                Map.of("gold.values", 7L, "bronze.x", 3L),
                "c1",
                "cfg",
                "0.1",
                error,
                started.plusSeconds(60),
                false,
                null,
                Map.of("silver.ae_monthly", 4L, "bronze.x", 2L),
                FILES,
                "set");
    }

    private final Map<String, Long> versions =
            new HashMap<>(Map.of("silver.ae_monthly", 4L, "gold.values", 7L, "bronze.x", 3L));

    private Optional<String> why(List<StageRecord> history, RunRecorder.RunInfo info, List<InputFile> files) {
        return UpToDate.whyRun("indicators", "run-now", info, history, files, t -> versions.getOrDefault(t, -1L));
    }

    private Optional<String> why(List<StageRecord> history) {
        return why(history, NOW, FILES);
    }

    @Test
    void unchangedInputsFilesConfigAndCodeAreUpToDate() {
        assertEquals(Optional.empty(), why(List.of(earlier("r1", "succeeded", T, null))));
    }

    @Test
    void aStageThatNeverRanOrWhoseLastRunFailedRuns() {
        assertEquals(Optional.of("no earlier run"), why(List.of()));
        assertTrue(why(List.of(earlier("r1", "succeeded", T, null), earlier("r2", "failed", T.plusSeconds(600), "x")))
                .orElseThrow()
                .contains("r2) failed"));
        // Killed while running: its latest row still says running.
        StageRecord running = earlier("r2", "running", T.plusSeconds(600), null);
        assertTrue(why(List.of(earlier("r1", "succeeded", T, null), running))
                .orElseThrow()
                .contains("running"));
    }

    @Test
    void anOutcomeAfterAnAbandonedMarkCounts() {
        StageRecord marked = earlier("r1", "failed", T, RunRecorder.ABANDONED + ": still 'running'");
        assertEquals(Optional.empty(), why(List.of(marked, earlier("r1", "succeeded", T, null))));
        assertEquals(Optional.empty(), why(List.of(earlier("r1", "succeeded", T, null), marked)), "order of rows");
    }

    @Test
    void changedCodeConfigurationOrPeriodRuns() {
        List<StageRecord> h = List.of(earlier("r1", "succeeded", T, null));
        assertTrue(why(h, new RunRecorder.RunInfo("c2", "cfg", "0.1", "local", "test", null, "set"), FILES)
                .orElseThrow()
                .contains("code changed"));
        assertTrue(why(h, new RunRecorder.RunInfo("c1-dirty", "cfg", "0.1", "local", "test", null, "set"), FILES)
                .orElseThrow()
                .contains("uncommitted"));
        assertTrue(why(h, new RunRecorder.RunInfo("c1", "cfg2", "0.1", "local", "test", null, "set2"), FILES)
                .orElseThrow()
                .contains("configuration changed"));
        assertEquals(
                Optional.empty(),
                why(h, new RunRecorder.RunInfo("c1", "cfg-moved", "0.1", "local", "test", null, "set"), FILES),
                "another lakehouse or landing location with the same settings");
        assertTrue(why(h, new RunRecorder.RunInfo("c1", "cfg", "0.1", "local", "test", "2024-05", "set"), FILES)
                .orElseThrow()
                .contains("--period"));
    }

    @Test
    void aNewChangedOrRemovedFileRuns() {
        List<StageRecord> h = List.of(earlier("r1", "succeeded", T, null));
        assertEquals(
                Optional.of("new or changed file file:/conf/indicators/ae.yaml"),
                why(h, NOW, List.of(new InputFile("file:/conf/indicators/ae.yaml", "bb", null))));
        assertEquals(
                Optional.of("new or changed file file:/landing/new.csv"),
                why(h, NOW, List.of(FILES.get(0), new InputFile("file:/landing/new.csv", "cc", null))));
        assertEquals(Optional.of("file gone or changed: file:/conf/indicators/ae.yaml"), why(h, NOW, List.of()));
        assertEquals(
                Optional.of("a file was duplicated or removed"),
                why(h, NOW, List.of(FILES.get(0), new InputFile("file:/elsewhere/ae.yaml", "aa", null))));
        // The same file in another folder (a copied or moved landing folder) is no change.
        assertEquals(
                Optional.empty(),
                why(h, NOW, List.of(new InputFile("file:/copy/conf/indicators/ae.yaml", "aa", null))));
    }

    @Test
    void aTableReadAtAnotherVersionRuns() {
        versions.put("silver.ae_monthly", 5L);
        assertEquals(
                Optional.of("silver.ae_monthly is at v5, it read v4"),
                why(List.of(earlier("r1", "succeeded", T, null))));
    }

    @Test
    void anOutputChangedOutsideThePipelineOrMissingRuns() {
        List<StageRecord> h = List.of(earlier("r1", "succeeded", T, null));
        versions.put("gold.values", 8L);
        assertTrue(why(h).orElseThrow().contains("gold.values, which it writes, was changed outside"));
        // ... but not when a later recorded stage wrote it.
        StageRecord later = new StageRecord(
                "r2",
                "spc",
                "succeeded",
                T.plusSeconds(100),
                T.plusSeconds(120),
                null,
                List.of(),
                Map.of("gold.values", 8L),
                "c1",
                "cfg",
                "0.1");
        assertEquals(Optional.empty(), why(List.of(h.get(0), later)));
        versions.remove("gold.values");
        assertEquals(Optional.of("gold.values, which it writes, is missing"), why(h));
    }
}
