package uk.lhs.jobs.spc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.spc.spark.IndicatorValuesFixture;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * {@code lhs spc} over a small Delta gold.indicator_values and its published form in a temp lakehouse: both are
 * charted, each into its own tables, and the published charts use only published counts.
 */
class SpcStageIT {
    private static final LocalDate JAN_2023 = LocalDate.of(2023, 1, 1);

    /** Months of trust RXA's ae_4h series that the published form suppresses (as if a count were 1 to 7). */
    private static final List<String> SUPPRESSED_MONTHS = List.of("2023-05-01", "2023-12-01");

    /**
     * The published form of the fixture, as disclosure control shapes it: two months of one series suppressed (status
     * suppressed, counts and value null), every other count rounded to 5 and the value recomputed from the rounded
     * counts.
     */
    private static Dataset<Row> published(Dataset<Row> exact) {
        Column suppressed = col("org_code")
                .equalTo("RXA")
                .and(col("indicator_id").equalTo("ae_4h"))
                .and(col("period_start").cast("string").isin(SUPPRESSED_MONTHS.toArray()));
        Column num = round(col("numerator").divide(5)).multiply(5);
        Column den = round(col("denominator").divide(5)).multiply(5);
        return exact.withColumn("status", when(suppressed, lit("suppressed")).otherwise(col("status")))
                .withColumn(
                        "value",
                        when(suppressed, lit(null))
                                .when(col("denominator").isNotNull(), num.divide(den))
                                .otherwise(col("value")))
                .withColumn("numerator", when(suppressed, lit(null)).otherwise(num))
                .withColumn("denominator", when(suppressed, lit(null)).otherwise(den));
    }

    private static void save(JobContext ctx, Dataset<Row> exact, boolean overwrite) {
        String mode = overwrite ? "overwrite" : "errorifexists";
        exact.write().format("delta").mode(mode).save(ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES));
        published(exact)
                .write()
                .format("delta")
                .mode(mode)
                .save(ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES_PUBLISHED));
    }

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
        String publishedInput = ctx.lakehouse().location(IndicatorTables.INDICATOR_VALUES_PUBLISHED);

        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> new SpcStage().run(ctx, null, new StageOutput("r0")));
        assertTrue(missing.getMessage().contains("run lhs indicators first"), missing.getMessage());

        // The exact input alone is not enough: the published charts need the published input.
        indicatorValues(spark, true).write().format("delta").save(input);
        IllegalStateException noPublished =
                assertThrows(IllegalStateException.class, () -> new SpcStage().run(ctx, null, new StageOutput("r0")));
        assertTrue(
                noPublished.getMessage().startsWith("gold.indicator_values_published does not exist"),
                noPublished.getMessage());
        assertFalse(ctx.lakehouse().exists(SpcTables.SPC_POINTS), "nothing written before both inputs are there");

        save(ctx, indicatorValues(spark, true), true);
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
        assertEquals(
                List.of(
                        // The test's configuration has no catalog (its series are made up): the stage says so.
                        "WARNING spc: no indicator catalog at " + ctx.config().indicatorsDir()
                                + " (lhs.indicators-dir), so every series is charted at every level and month",
                        "3 series charted from gold.indicator_values v1",
                        "3 series charted from gold.indicator_values_published v0"),
                first.messages());
        assertEquals(
                List.of(input + "@v1", publishedInput + "@v0"),
                first.inputs().stream().map(i -> i.path()).toList());
        assertEquals(0, summary.filter("missing_points > 0").count(), "the exact charts have every month");

        // The published charts: same series and points, suppressed months are gaps, figures from published counts.
        Dataset<Row> pubPoints = ctx.lakehouse().read(SpcTables.SPC_POINTS_PUBLISHED);
        Dataset<Row> pubSummary = ctx.lakehouse().read(SpcTables.SPC_SUMMARY_PUBLISHED);
        assertEquals(60, pubPoints.count());
        assertEquals(3, pubSummary.filter("charted").count());
        List<Row> gaps = pubPoints
                .filter("value IS NULL")
                .select(
                        col("org_code"),
                        col("indicator_id"),
                        col("period_start").cast("string"),
                        col("status"))
                .orderBy("period_start")
                .collectAsList();
        assertEquals(2, gaps.size(), gaps.toString());
        for (int i = 0; i < gaps.size(); i++) {
            assertEquals("RXA", gaps.get(i).getString(0));
            assertEquals("ae_4h", gaps.get(i).getString(1));
            assertEquals(SUPPRESSED_MONTHS.get(i), gaps.get(i).getString(2));
            assertEquals("suppressed", gaps.get(i).getString(3));
        }
        assertEquals(
                List.of(0, 2),
                pubSummary
                        .filter("indicator_id = 'ae_4h'")
                        .orderBy(col("org_code"))
                        .select(col("missing_points"))
                        .as(org.apache.spark.sql.Encoders.INT())
                        .collectAsList(),
                "QXX has no missing point; RXA's suppressed months are missing points");
        assertEquals(
                0,
                pubPoints
                        .filter("indicator_id = 'ae_4h' AND value IS NOT NULL"
                                + " AND (numerator % 5 <> 0 OR denominator % 5 <> 0"
                                + " OR abs(value - numerator / denominator) > 1e-12)")
                        .count(),
                "every published point is a ratio of counts rounded to 5");
        Dataset<Row> exactQxx = points.filter("org_code = 'QXX' AND indicator_id = 'ae_4h'")
                .select(col("period_start"), col("value").as("exact_value"));
        long differing = pubPoints
                .filter("org_code = 'QXX' AND indicator_id = 'ae_4h'")
                .join(exactQxx, "period_start")
                .filter("value <> exact_value")
                .count();
        assertTrue(differing > 10, differing + " of 20 published points differ from the exact ones (rounded counts)");

        // Same input again: nothing inserted or rewritten (run_id is lineage only).
        StageOutput again = run(ctx, "run-2");
        assertEquals(4, again.writes().size());
        for (WriteResult w : again.writes()) {
            assertEquals(0, w.rowsInserted() + w.rowsUpdated(), w.toString());
        }

        // A series that left gold.indicator_values leaves both tables too.
        save(ctx, indicatorValues(spark, false), true);
        run(ctx, "run-3");
        for (TableContract[] t : new TableContract[][] {
            {SpcTables.SPC_SUMMARY, SpcTables.SPC_POINTS},
            {SpcTables.SPC_SUMMARY_PUBLISHED, SpcTables.SPC_POINTS_PUBLISHED}
        }) {
            assertEquals(2, ctx.lakehouse().read(t[0]).count(), t[0].qualifiedName());
            assertEquals(40, ctx.lakehouse().read(t[1]).count(), t[1].qualifiedName());
            assertEquals(
                    0,
                    ctx.lakehouse()
                            .read(t[1])
                            .filter("indicator_id = 'ae_12h_waits'")
                            .count());
        }
    }
}
