package uk.lhs.jobs.pipeline;

import java.time.Clock;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.config.BuildInfo;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.spark.SparkSessions;
import uk.lhs.common.tables.DeltaTableWriter;

/**
 * What every stage is handed: configuration, the Spark session, the lakehouse, the one table writer and a clock.
 * Built once per command; tests build it around their shared session.
 */
public record JobContext(LhsConfig config, SparkSession spark, Lakehouse lakehouse, DeltaTableWriter writer,
    Clock clock, BuildInfo build) {

  /** Builds the session from the configuration (the production path). */
  public static JobContext create(LhsConfig config) {
    SparkSession spark = SparkSessions.create(config);
    return around(config, spark, Clock.systemUTC());
  }

  /** Wraps an existing session (tests, notebooks). */
  public static JobContext around(LhsConfig config, SparkSession spark, Clock clock) {
    Lakehouse lakehouse = new Lakehouse(spark, config.lakehouseLocation());
    DeltaTableWriter writer = new DeltaTableWriter(lakehouse, config.commitRetries(), config.deltaLogRetention(),
        config.deltaDeletedFileRetention());
    return new JobContext(config, spark, lakehouse, writer, clock, BuildInfo.load());
  }

  /**
   * A DataFrame over rows built on the driver, split into slices of about 2,000 rows so no single task carries
   * megabytes of data (Spark warns above 1 MB per task).
   */
  public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> dataFrame(
      java.util.List<org.apache.spark.sql.Row> rows, org.apache.spark.sql.types.StructType schema) {
    int slices = Math.max(1, Math.min(200, rows.size() / 2_000));
    if (slices == 1) {
      return spark.createDataFrame(rows, schema);
    }
    var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(jsc.parallelize(rows, slices), schema);
  }

  /** The commit recorded for lineage: the configured one, else the one stamped into the jar. */
  public String gitCommit() {
    String configured = config.gitCommit();
    return "unknown".equals(configured) ? build.gitCommit() : configured;
  }
}
