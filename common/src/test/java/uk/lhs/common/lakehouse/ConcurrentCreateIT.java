package uk.lhs.common.lakehouse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedSpark;

/** A CREATE that finds another process's half-created table waits for it rather than failing. */
class ConcurrentCreateIT {
    @Test
    void aTableBeingCreatedElsewhereIsWaitedFor() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path root = SharedSpark.newLakehouse("concurrent-create");
        String location = root.resolve("t").toString();
        // The other creator has made the location and its log but not yet committed version 0.
        Files.createDirectories(root.resolve("t/_delta_log"));
        Files.writeString(root.resolve("t/in-progress"), "");
        String create = "CREATE TABLE IF NOT EXISTS delta.`" + location + "` (x INT) USING delta";
        assertFalse(io.delta.tables.DeltaTable.isDeltaTable(spark, location));

        CompletableFuture<Boolean> waited =
                CompletableFuture.supplyAsync(() -> ConcurrentCreate.appeared(spark, location));
        Thread.sleep(1_500); // the other creator is slow (a loaded machine)
        assertFalse(waited.isDone(), "still waiting while the table is half-created");
        // ... and then commits version 0.
        deleteTree(root.resolve("t"));
        spark.sql(create);
        assertTrue(waited.get(), "the table appeared");
    }

    /** Writers in three threads creating one new table at the same moment, ten times: each ends with the table. */
    @Test
    void writersCreatingOneTableTogetherAllSucceed() throws Exception {
        SparkSession spark = SharedSpark.session();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 10; round++) {
                Lakehouse lakehouse = new Lakehouse(
                        spark,
                        SharedSpark.newLakehouse("concurrent-create-" + round).toString());
                uk.lhs.common.tables.TableContract t = raced();
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    DeltaTableWriter writer =
                            new DeltaTableWriter(lakehouse, 2, "interval 365 days", "interval 365 days");
                    done.add(pool.submit(() -> {
                        go.await();
                        writer.ensure(t);
                        return null;
                    }));
                }
                go.countDown();
                for (java.util.concurrent.Future<?> f : done) {
                    f.get(); // rethrows a writer's failure
                }
                assertTrue(lakehouse.exists(t));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A writer whose CREATE finds the location half-created by another writer waits for that writer's commit. The
     * CREATE fails with {@code DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION}, a checked {@code AnalysisException} that a
     * {@code catch (RuntimeException)} let through (this test failed so before the fix).
     */
    @Test
    void aWriterFindingItsTableHalfCreatedWaitsForIt() throws Exception {
        SparkSession spark = SharedSpark.session();
        Lakehouse lakehouse = new Lakehouse(
                spark, SharedSpark.newLakehouse("writer-half-created").toString());
        uk.lhs.common.tables.TableContract t = raced();
        Path location = Path.of(lakehouse.location(t));
        Files.createDirectories(location.resolve("_delta_log"));
        Files.writeString(location.resolve("in-progress"), "");

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(
                () -> new DeltaTableWriter(lakehouse, 2, "interval 365 days", "interval 365 days").ensure(t));
        Thread.sleep(1_500);
        assertFalse(waiting.isDone(), "still waiting while the table is half-created");
        deleteTree(location);
        new DeltaTableWriter(lakehouse, 2, "interval 365 days", "interval 365 days").ensure(t);
        waiting.get(); // rethrows the waiting writer's failure
        assertTrue(lakehouse.exists(t));
    }

    private static uk.lhs.common.tables.TableContract raced() {
        return uk.lhs.common.tables.TableContract.builder(uk.lhs.common.tables.Layer.SILVER, "raced")
                .release(uk.lhs.common.tables.Release.EXACT)
                .description("test table")
                .required("k", org.apache.spark.sql.types.DataTypes.StringType, "key")
                .keys("k")
                .check("k_not_blank", "length(k) > 0")
                .build();
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
