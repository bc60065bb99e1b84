package uk.lhs.common.lakehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.tables.Layer;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;

/**
 * Where the Delta tables live and how they are addressed: {@code <root>/<layer>/<table>} on any Hadoop file system,
 * registered in the session catalogue as {@code bronze.x}, {@code silver.x}, {@code gold.x}.
 */
public final class Lakehouse {
    /** A Delta commit file: {@code _delta_log/<version, 20 digits>.json}. */
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

    private final SparkSession spark;
    private final String root;

    public Lakehouse(SparkSession spark, String location) {
        this.spark = spark;
        this.root = normalise(location);
    }

    private static String normalise(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        URI uri = URI.create(trimmed.replace(" ", "%20"));
        if (uri.getScheme() != null && uri.getScheme().length() > 1) {
            return trimmed; // hdfs://, s3a://, abfss://, file:/...
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toString();
    }

    public SparkSession spark() {
        return spark;
    }

    /** The lakehouse root as an absolute path or URI. */
    public String root() {
        return root;
    }

    /** The table's storage location. */
    public String location(TableContract table) {
        return root + "/" + table.layer().dbName() + "/" + table.name();
    }

    /** Whether the table has been created (has a Delta log). */
    public boolean exists(TableContract table) {
        return DeltaTable.isDeltaTable(spark, location(table));
    }

    /** The table's current rows. */
    public Dataset<Row> read(TableContract table) {
        return spark.read().format("delta").load(location(table));
    }

    /**
     * The table's current rows, or none (with the contract's schema) when it has not been written yet: tables are created
     * by their first write, so a run that quarantined nothing has no {@code silver.quarantine}.
     */
    public Dataset<Row> readOrEmpty(TableContract table) {
        return exists(table) ? read(table) : spark.createDataFrame(List.of(), table.schema());
    }

    /** The table as it was at a Delta version (time travel). */
    public Dataset<Row> readVersion(TableContract table, long version) {
        return spark.read().format("delta").option("versionAsOf", version).load(location(table));
    }

    /**
     * The latest committed Delta version, or -1 when the table does not exist: the one place that answers it. Read from
     * the names of the commit files: the Delta protocol names each commit {@code _delta_log/<version, 20 digits>.json},
     * and the latest commit file is never cleaned up (PROTOCOL.md, "Delta Log Entries", "Log Cleanup"). A listing,
     * unlike {@code DeltaTable.history}, runs no Spark job.
     */
    public long currentVersion(TableContract table) {
        return logVersion(spark, location(table));
    }

    /** {@link #currentVersion} of the Delta table at any location: -1 when it has no commit yet. */
    public static long logVersion(SparkSession spark, String location) {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
            if (!fs.exists(log)) {
                return -1;
            }
            long max = -1;
            for (FileStatus st : fs.listStatus(log)) {
                String name = st.getPath().getName();
                if (COMMIT_FILE.matcher(name).matches()) {
                    max = Math.max(max, Long.parseLong(name.substring(0, 20)));
                }
            }
            return max;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A table's rows at one Delta version, with that version and where it lives: what a stage reads and records as its
     * input, unchanged by commits made while it runs.
     *
     * @param location the table's storage location
     * @param version the Delta version read
     * @param rows the rows of that version
     */
    public record Pinned(String location, long version, Dataset<Row> rows) {
        /** The input as a run record names it: {@code <location>@v<version>}. */
        public String versionedLocation() {
            return location + "@v" + version;
        }
    }

    /** The table pinned at its {@link #currentVersion}, or empty when the table does not exist. */
    public Optional<Pinned> latest(TableContract table) {
        long version = currentVersion(table);
        return version < 0
                ? Optional.empty()
                : Optional.of(new Pinned(location(table), version, readVersion(table, version)));
    }

    /**
     * Every table as it stood at the end of a pipeline run, for analyses that must rerun to the same numbers.
     *
     * @param runId a {@code run_id} of {@code gold.pipeline_runs}, or null / {@value RunSnapshot#LATEST} for the latest
     *     run whose stages all succeeded
     * @throws IllegalArgumentException when the run is unknown, or no run has succeeded
     */
    public RunSnapshot asOfRun(String runId) {
        if (!exists(Tables.PIPELINE_RUNS)) {
            throw new IllegalArgumentException("no gold.pipeline_runs under " + root + ": nothing has run here yet");
        }
        List<StageRecord> records = read(Tables.PIPELINE_RUNS).collectAsList().stream()
                .map(StageRecord::fromRow)
                .toList();
        return RunSnapshot.resolve(this, records, runId);
    }

    /**
     * Registers every existing table as {@code layer.name} in the session catalogue (external tables over their
     * locations), so SQL can address them. Returns the names registered.
     */
    public List<String> registerTables() {
        return registerTables(t -> true);
    }

    /**
     * Registers the existing tables that {@code which} accepts, as {@link #registerTables()} does; the others stay
     * unknown to the session's SQL (lhs serve registers only the tables it serves).
     */
    public List<String> registerTables(Predicate<TableContract> which) {
        List<String> registered = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.dbName());
        }
        for (TableContract t : Tables.all()) {
            if (which.test(t) && exists(t)) {
                spark.sql("CREATE TABLE IF NOT EXISTS " + t.qualifiedName() + " USING DELTA LOCATION '"
                        + location(t).replace("'", "\\'") + "'");
                registered.add(t.qualifiedName());
            }
        }
        return registered;
    }
}
