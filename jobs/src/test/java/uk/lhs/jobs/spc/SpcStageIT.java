package uk.lhs.jobs.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.spc.spark.IndicatorValuesFixture;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/** {@code lhs spc} over a small Delta gold.indicator_values in a temp lakehouse. */
class SpcStageIT {
    private static final LocalDate JAN_2023 = LocalDate.of(2023, 1, 1);

    private static Dataset<Row> indicatorValues(SparkSession spark, boolean withCounts) {
        int n = 20;
        double[] num = new double[n];
        double[] den = new double[n];
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            den[i] = 4000 + (i * 211) % 500;
            num[i] = Math.round(den[i] * (0.7 + 0.004 * ((i * 3) % 5)));
            counts[i] = 900 + (i * 37) % 80;
        }
        IndicatorValuesFixture f = new IndicatorValuesFixture()
                .proportion("trust", "RXA", "ae_4h", JAN_2023, num, den, "increase", 0.76)
                .proportion("system", "QXX", "ae_4h", JAN_2023, num, den, "increase", 0.76);
        if (withCounts) {
            f.values("trust", "RXA", "ae_12h_waits", JAN_2023, counts, "count", "decrease");
        }
        return f.dataFrame(spark, false);
    }

    private static StageOutput run(JobContext ctx, String runId) {
        StageOutput out = new StageOutput(runId);
        new SpcStage().run(ctx, null, out);
        return out;
    }

    @Test
    void writesPointsAndSummaryAndReRunsCleanly() {
        SparkSession spark = SharedSpark.session();
        Path lakehouse = SharedSpark.newLakehouse("spc-stage");
        JobContext ctx = JobContext.around(SharedSpark.config(lakehouse), spark, Clock.systemUTC());
        String input = ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES);

        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> new SpcStage().run(ctx, null, new StageOutput("r0")));
        assertTrue(missing.getMessage().contains("run lhs indicators first"), missing.getMessage());

        indicatorValues(spark, true).write().format("delta").save(input);
        StageOutput first = run(ctx, "run-1");
        Dataset<Row> points = ctx.lakehouse().read(SpcTables.SPC_POINTS);
        Dataset<Row> summary = ctx.lakehouse().read(SpcTables.SPC_SUMMARY);
        assertEquals(60, points.count(), "20 points for each of 3 series");
        assertEquals(
                60,
                points.select("org_level", "org_code", "indicator_id", "stratum", "period_start")
                        .distinct()
                        .count(),
                "the key is unique");
        assertEquals(3, summary.count(), "one summary row per series");
        assertEquals(3, summary.filter("charted AND run_id = 'run-1'").count());
        assertEquals(
                List.of("pprime", "xmr"),
                summary.select("chart_type")
                        .distinct()
                        .orderBy("chart_type")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList());
        assertEquals(List.of("3 series charted from gold.indicator_values v0"), first.messages());
        assertEquals(
                List.of(input + "@v0"),
                first.inputs().stream().map(i -> i.path()).toList());

        // Same input again: nothing inserted or rewritten (run_id is lineage only).
        StageOutput again = run(ctx, "run-2");
        assertEquals(2, again.writes().size());
        for (WriteResult w : again.writes()) {
            assertEquals(0, w.rowsInserted() + w.rowsUpdated(), w.toString());
        }

        // A series that left gold.indicator_values leaves both tables too.
        indicatorValues(spark, false).write().format("delta").mode("overwrite").save(input);
        run(ctx, "run-3");
        assertEquals(2, ctx.lakehouse().read(SpcTables.SPC_SUMMARY).count());
        assertEquals(40, ctx.lakehouse().read(SpcTables.SPC_POINTS).count());
        assertEquals(
                0,
                ctx.lakehouse()
                        .read(SpcTables.SPC_POINTS)
                        .filter("indicator_id = 'ae_12h_waits'")
                        .count());
    }
}
