package uk.lhs.common.lakehouse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        // The other creator has written into the location but not yet committed version 0: Delta refuses a CREATE.
        Files.createDirectories(root.resolve("t/_delta_log"));
        Files.writeString(root.resolve("t/in-progress"), "");
        String create = "CREATE TABLE IF NOT EXISTS delta.`" + location + "` (x INT) USING delta";
        assertThrows(RuntimeException.class, () -> spark.sql(create));
        assertFalse(isDelta(spark, location));

        CompletableFuture<Boolean> waited =
                CompletableFuture.supplyAsync(() -> ConcurrentCreate.appeared(spark, location));
        Thread.sleep(1_500); // the other creator is slow (a loaded machine)
        assertFalse(waited.isDone(), "still waiting while the table is half-created");
        // ... and then commits version 0.
        deleteTree(root.resolve("t"));
        spark.sql(create);
        assertTrue(waited.get(), "the table appeared");
    }

    private static boolean isDelta(SparkSession spark, String location) {
        return io.delta.tables.DeltaTable.isDeltaTable(spark, location);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
