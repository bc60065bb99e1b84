package uk.lhs.jobs.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.ingest.RowHashKey;
import uk.lhs.common.lakehouse.RunRecorder;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.Stages;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * Issue #18, "Done when": two {@code lhs run} started together on one lakehouse both end cleanly (the stage lease
 * makes one wait for the other stage by stage) and every table equals a single run's on the same landing folder (the
 * demo lakehouse, compared by the fault trials' comparer, {@link LakehouseChecks#diff}).
 */
class OverlappingRunsIT {
    @TempDir
    Path dir;

    @Test
    void twoRunsStartedTogetherBothSucceedAndEqualOneRun() throws Exception {
        DemoLakehouse demo = DemoLakehouse.get();
        // The demo's own landing folder (read only: file paths are part of the compared rows), an empty lakehouse.
        Path lakehouse = Files.createDirectories(dir.resolve("lakehouse"));
        // The demo's row-hash key, so quarantined rows hash alike (each lakehouse otherwise generates its own key).
        Files.createDirectories(lakehouse.resolve(RowHashKey.KEY_FILE).getParent());
        Files.copy(
                demo.lakehouse().resolve(RowHashKey.KEY_FILE),
                lakehouse.resolve(RowHashKey.KEY_FILE),
                StandardCopyOption.COPY_ATTRIBUTES);
        LhsConfig config = DemoLakehouse.context(demo.root()).config().with("lakehouse", lakehouse.toString());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<Pipeline.StageResult>>> runs = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int k = 0; k < 2; k++) {
                // Each run has its own context (writer, config), as two processes would; they share the JVM's session.
                JobContext ctx = JobContext.around(config, SharedSpark.session(), Clock.systemUTC());
                runs.add(pool.submit(() -> {
                    go.await();
                    return Pipeline.run(ctx, Stages.all(), null, DemoLakehouse.quiet());
                }));
            }
            go.countDown();
            List<List<Pipeline.StageResult>> results = new ArrayList<>();
            for (Future<List<Pipeline.StageResult>> run : runs) {
                results.add(run.get());
                assertEquals(
                        Stages.all().size(), results.get(results.size() - 1).size(), "every stage succeeded");
            }
            // The lease serialises each stage; whichever run takes it second finds the first's result up to date.
            for (int i = 0; i < Stages.all().size(); i++) {
                assertTrue(
                        results.get(0).get(i).upToDate()
                                != results.get(1).get(i).upToDate(),
                        "stage " + results.get(0).get(i).stage() + " computed once, up to date once");
            }
        } finally {
            pool.shutdownNow();
        }
        JobContext ctx = JobContext.around(config, SharedSpark.session(), Clock.systemUTC());
        List<String> statuses =
                RunRecorder.latest(ctx.lakehouse().read(Tables.PIPELINE_RUNS))
                        .select("stage", "status")
                        .collectAsList()
                        .stream()
                        .map(r -> r.getString(0) + " " + r.getString(1))
                        .sorted()
                        .toList();
        assertEquals(2 * Stages.all().size(), statuses.size(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s.endsWith(" succeeded")), statuses.toString());

        assertEquals(List.of(), FaultTrials.leasesLeft(ctx.spark(), lakehouse), "both released");

        List<LakehouseChecks.TableDiff> diffs = LakehouseChecks.diff(
                ctx.spark(),
                dir.resolve("lakehouse").toString(),
                demo.lakehouse().toString());
        String different =
                diffs.stream().filter(d -> !d.same()).map(Object::toString).collect(Collectors.joining("\n"));
        assertTrue(different.isEmpty(), "tables differ from a single run's:\n" + different);
        assertTrue(diffs.stream().anyMatch(d -> d.same() && d.rows() > 0), "something was compared: " + diffs);
    }
}
