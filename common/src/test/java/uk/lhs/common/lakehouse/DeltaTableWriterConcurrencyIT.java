package uk.lhs.common.lakehouse;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.Layer;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.testing.SharedSpark;

/**
 * Two writers (two overlapping schedules) MERGE the same rows into the same new table at once: Delta's optimistic
 * concurrency makes one of them conflict (table creation, constraint, or ConcurrentAppend on the MERGE); the writer
 * retries, and the table ends with each key once.
 */
class DeltaTableWriterConcurrencyIT {
    static final TableContract T = TableContract.builder(Layer.SILVER, "overlap")
            .release(Release.EXACT)
            .description("test table")
            .required("org_code", StringType, "organisation")
            .required("period_start", DateType, "month")
            .column("value", DoubleType, "a value")
            .column("run_id", StringType, "lineage")
            .keys("org_code", "period_start")
            .check("value_non_negative", "value IS NULL OR value >= 0")
            .lineage("run_id")
            .build();

    @Test
    void overlappingWritersConvergeWithoutDuplicates() throws Exception {
        SparkSession spark = SharedSpark.session();
        String root = SharedSpark.newLakehouse("overlap").toString();
        int rounds = 1;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                String runId = "run" + w;
                results.add(pool.submit(() -> {
                    // Each "schedule" has its own writer, as two processes would.
                    DeltaTableWriter writer =
                            new DeltaTableWriter(new Lakehouse(spark, root), 10, "interval 1 days", "interval 1 days");
                    go.await();
                    for (int r = 0; r < rounds; r++) {
                        writer.write(T, rows(spark, runId, r));
                    }
                    return rounds;
                }));
            }
            go.countDown();
            for (Future<Integer> f : results) {
                assertEquals(rounds, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Dataset<Row> table = new Lakehouse(spark, root).read(T);
        assertEquals(4L * rounds, table.count());
        assertEquals(
                table.count(),
                table.select("org_code", "period_start").distinct().count());
        assertTrue(table.filter("value < 0").isEmpty());
    }

    /** Round r writes the same 4 keys for both writers, so their MERGEs touch the same files. */
    private static Dataset<Row> rows(SparkSession spark, String runId, int round) {
        List<Row> list = new ArrayList<>();
        for (String org : List.of("RA1", "RB2", "RC3", "RD4")) {
            list.add(RowFactory.create(org, Date.valueOf("2024-0" + (round + 1) + "-01"), 1.0 + round, runId));
        }
        return spark.createDataFrame(list, T.schema());
    }

    @Test
    void backoffGrowsWithJitterAndIsCapped() {
        assertEquals(DeltaTableWriter.BACKOFF_BASE_MILLIS / 2, DeltaTableWriter.backoffMillis(0, 0.0));
        assertTrue(DeltaTableWriter.backoffMillis(0, 0.999) <= DeltaTableWriter.BACKOFF_BASE_MILLIS);
        assertTrue(DeltaTableWriter.backoffMillis(3, 0.999) > 4 * DeltaTableWriter.BACKOFF_BASE_MILLIS);
        assertTrue(DeltaTableWriter.backoffMillis(3, 0.999) <= 8 * DeltaTableWriter.BACKOFF_BASE_MILLIS);
        assertTrue(DeltaTableWriter.backoffMillis(40, 0.999) <= DeltaTableWriter.BACKOFF_MAX_MILLIS);
    }
}
