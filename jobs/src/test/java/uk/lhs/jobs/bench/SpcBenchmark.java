package uk.lhs.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.spark.SparkSessions;
import uk.lhs.common.spc.SpcEngine;
import uk.lhs.common.spc.SpcOptions;
import uk.lhs.common.spc.SpcPoint;
import uk.lhs.common.spc.SpcSeries;
import uk.lhs.common.spc.spark.SpcSettings;
import uk.lhs.common.spc.spark.SpcTransform;
import uk.lhs.common.vocab.ChartType;

/**
 * Benchmark of the SPC stage's transform (not a test): generates {@code series × points} rows of
 * gold.indicator_values in Spark (a third proportions charted P′, a third counts and a third weeks charted XmR, 1% of
 * points no_data), charts them with {@link SpcTransform} exactly as {@code lhs spc} does, forces both outputs and
 * prints the wall time and points per second. Run with {@code bench/spc-bench.sh [series] [points] [master]}.
 */
public final class SpcBenchmark {
    private SpcBenchmark() {}

    public static void main(String[] args) {
        long series = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String master = args.length > 2 ? args[2] : "local[2]";
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        SparkSession spark = SparkSessions.create(LhsConfig.defaults()
                .with("spark.default-master", master)
                .with("spark.shuffle-partitions", partitions)
                .with("lakehouse", System.getProperty("java.io.tmpdir") + "/lhs-spc-bench"));
        spark.sparkContext().setLogLevel("WARN");
        Dataset<Row> input = generate(spark, series, points, partitions).cache();
        long rows = input.count();
        System.out.printf(
                "input: %,d series x %d points = %,d rows on %s, %d shuffle partitions%n",
                series, points, rows, spark.sparkContext().master(), partitions);

        engineOnly(Math.min(series, 20_000), points);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        SpcTransform.Outputs out =
                SpcTransform.apply(input, SpcSettings.defaults(), "bench").persist();
        Row s = out.summary()
                .agg(
                        count(lit(1)),
                        sum(when(col("charted"), 1).otherwise(0)),
                        sum(when(col("variation_icon").notEqual("common_cause"), 1)
                                .otherwise(0)))
                .first();
        double tSummary = (System.nanoTime() - t0) / 1e9;
        Row p = out.points()
                .agg(count(lit(1)), sum(when(col("special_cause"), 1).otherwise(0)), count(col("upper_limit")))
                .first();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        System.out.printf(
                "summary rows %,d (charted %,d, special-cause icon %,d); point rows %,d (special cause %,d,"
                        + " with an upper limit %,d)%n",
                s.getLong(0), s.getLong(1), s.getLong(2), p.getLong(0), p.getLong(1), p.getLong(2));
        System.out.printf(
                "wall time %.1f s (charting + summary %.1f s, points from cache %.1f s): %,.0f points/s,"
                        + " %,.0f series/s%n",
                wall, tSummary, wall - tSummary, rows / wall, series / wall);
        System.out.printf(
                "process CPU %.1f s (%,.0f points per CPU-second); machine load average %.1f on %d cores%n",
                cpu,
                rows / cpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.unpersist();
        spark.stop();
    }

    /** The engine alone, one thread, on series like the generated ones: the floor under the Spark figure. */
    static void engineOnly(long series, int points) {
        java.util.Random r = new java.util.Random(4);
        LocalDate[] dates = SpcSeries.monthly(LocalDate.of(2020, 1, 1), points);
        long t0 = System.nanoTime();
        long flagged = 0;
        for (long s = 0; s < series; s++) {
            double[] v = new double[points];
            double[] d = s % 3 == 0 ? new double[points] : null;
            for (int i = 0; i < points; i++) {
                if (d != null) {
                    d[i] = 1000 + r.nextInt(4000);
                    v[i] = Math.floor(d[i] * (0.7 + 0.1 * r.nextDouble()));
                } else {
                    v[i] = 800 + r.nextInt(200);
                }
            }
            SpcOptions o = SpcOptions.builder()
                    .chart(d == null ? ChartType.XMR : ChartType.P_PRIME)
                    .target(0.76)
                    .build();
            flagged += SpcEngine.compute(new SpcSeries("s", dates, v, d), o).points().stream()
                    .filter(SpcPoint::specialCause)
                    .count();
        }
        double t = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "engine alone, one thread: %,d series x %d points in %.1f s = %,.0f points/s (%,d flagged)%n",
                series, points, t, series * points / t, flagged);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Synthetic gold.indicator_values, fixed seeds so runs are comparable. */
    static Dataset<Row> generate(SparkSession spark, long series, int points, int partitions) {
        Dataset<Row> ids = spark.range(0, series * points, 1, partitions)
                .toDF("id")
                .withColumn("s", floor(col("id").divide(points)))
                .withColumn("m", col("id").mod(points).cast(DataTypes.IntegerType))
                .withColumn("kind", col("s").mod(3));
        Dataset<Row> base = ids.withColumn("org_level", lit("trust"))
                .withColumn("org_code", expr("concat('T', cast(floor(s / 10) as string))"))
                .withColumn("org_name", expr("concat('Trust ', cast(floor(s / 10) as string))"))
                .withColumn("period_start", expr("add_months(date'2020-01-01', m)"))
                .withColumn("indicator_id", expr("concat('ind', cast(s % 10 as string))"))
                .withColumn("stratum", lit("all"))
                .withColumn("den", floor(rand(1).multiply(4000)).plus(1000).cast(DataTypes.DoubleType))
                .withColumn("noise", rand(2));
        return base.withColumn(
                        "numerator",
                        when(
                                        col("kind").equalTo(0),
                                        floor(col("den")
                                                .multiply(lit(0.7).plus(
                                                                col("noise").multiply(0.1)))))
                                .cast(DataTypes.DoubleType))
                .withColumn("denominator", when(col("kind").equalTo(0), col("den")))
                .withColumn(
                        "value",
                        when(col("kind").equalTo(0), col("numerator").divide(col("den")))
                                .when(
                                        col("kind").equalTo(1),
                                        floor(col("noise").multiply(200)).plus(800))
                                .otherwise(col("noise").multiply(4).plus(12))
                                .cast(DataTypes.DoubleType))
                .withColumn("ci_lower", lit(null).cast(DataTypes.DoubleType))
                .withColumn("ci_upper", lit(null).cast(DataTypes.DoubleType))
                .withColumn("unit", expr("CASE kind WHEN 0 THEN 'proportion' WHEN 1 THEN 'count' ELSE 'weeks' END"))
                .withColumn("improvement_direction", expr("CASE kind WHEN 0 THEN 'increase' ELSE 'decrease' END"))
                .withColumn("target", when(col("kind").equalTo(0), lit(0.76)))
                .withColumn("status", when(rand(3).lt(0.01), lit("no_data")).otherwise(lit("ok")))
                .withColumn("run_id", lit("bench-input"))
                .drop("id", "s", "m", "kind", "den", "noise");
    }
}
