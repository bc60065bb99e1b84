package uk.lhs.jobs.pipeline;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.config.BuildInfo;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.lakehouse.CostCounter;
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
        JobContext ctx = new JobContext(config, spark, lakehouse, writer, clock, BuildInfo.load());
        writer.countCommitsIn(ctx.costCounter());
        return ctx;
    }

    /** One counter per Spark context: every context built around a session shares its listener. */
    private static final Map<SparkContext, CostCounter> COUNTERS = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Counts Spark jobs, tasks and the writer's Delta commits (attached once per Spark context, on first use). Jobs and
     * tasks are those of the whole context: two pipelines run at once in one JVM would count each other's.
     */
    public CostCounter costCounter() {
        return COUNTERS.computeIfAbsent(spark.sparkContext(), sc -> CostCounter.attach(spark));
    }

    /** The commit recorded for lineage: the configured one, else the one stamped into the jar. */
    public String gitCommit() {
        String configured = config.gitCommit();
        return "unknown".equals(configured) ? build.gitCommit() : configured;
    }

    /**
     * The indicator catalog's files ({@code lhs.indicators-dir}) as URIs in path order: what the indicators and spc
     * stages depend on (the catalog defines the indicators and chooses the charted series).
     */
    public java.util.List<String> catalogFiles() throws java.io.IOException {
        java.nio.file.Path dir = config.indicatorsDir();
        if (!java.nio.file.Files.isDirectory(dir)) {
            return java.util.List.of(dir.toAbsolutePath().toUri().toString());
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile)
                    .map(f -> f.toAbsolutePath().toUri().toString())
                    .sorted()
                    .toList();
        }
    }
}
