package uk.lhs.jobs.pipeline;

import java.time.Clock;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.config.BuildInfo;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.spark.SparkSessions;

/**
 * What every stage is handed: configuration, the Spark session, the lakehouse, the one table writer and a clock.
 * Built once per command; tests build it around their shared session.
 */
public record JobContext(
        LhsConfig config,
        SparkSession spark,
        Lakehouse lakehouse,
        DeltaTableWriter writer,
        Clock clock,
        BuildInfo build) {

    /** Builds the session from the configuration (the production path). */
    public static JobContext create(LhsConfig config) {
        SparkSession spark = SparkSessions.create(config);
        return around(config, spark, Clock.systemUTC());
    }

    /** Wraps an existing session (tests, notebooks). */
    public static JobContext around(LhsConfig config, SparkSession spark, Clock clock) {
        Lakehouse lakehouse = new Lakehouse(spark, config.lakehouseLocation());
        DeltaTableWriter writer = new DeltaTableWriter(
                lakehouse, config.commitRetries(), config.deltaLogRetention(), config.deltaDeletedFileRetention());
        return new JobContext(config, spark, lakehouse, writer, clock, BuildInfo.load());
    }

    /** The commit recorded for lineage: the configured one, else the one stamped into the jar. */
    public String gitCommit() {
        String configured = config.gitCommit();
        return "unknown".equals(configured) ? build.gitCommit() : configured;
    }
}
