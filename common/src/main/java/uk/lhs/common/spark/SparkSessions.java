package uk.lhs.common.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.config.LhsConfig;

/**
 * The one place a SparkSession is built: Delta extensions, UTC, shuffle sizing, and the master only when the
 * launcher (spark-submit, Databricks, YARN) has not set one. Tests build their session here too.
 */
public final class SparkSessions {
    private SparkSessions() {}

    /** Gets or creates the session for this JVM, configured from {@code config}. */
    public static SparkSession create(LhsConfig config) {
        return create(config, Map.of());
    }

    /**
     * Gets or creates the session with {@code fixed} settings applied last, over the configuration's {@code
     * lhs.spark.conf}: for a command that must not run with anything else (lhs serve: its SQL extensions, loopback).
     */
    public static SparkSession create(LhsConfig config, Map<String, String> fixed) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.sparkDefaultMaster());
        }
        if (!conf.contains("spark.app.name")) {
            conf.setAppName(config.sparkAppName());
        }
        conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Every date and timestamp is UTC: periods are calendar months and must not shift with the host's zone.
        conf.set("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(config.shufflePartitions()));
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        // Small Delta logs: 50 snapshot partitions cost seconds per table on 2 cores (measured in shared/stack.md).
        conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
        // Schema changes must go through the table contracts, never an implicit merge.
        conf.set("spark.databricks.delta.schema.autoMerge.enabled", "false");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Keep the in-memory catalogue's warehouse inside the lakehouse, not in the working directory.
        conf.setIfMissing("spark.sql.warehouse.dir", config.lakehouseLocation() + "/_warehouse");
        for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
