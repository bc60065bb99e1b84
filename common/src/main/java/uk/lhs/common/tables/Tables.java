package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.vocab.Cols;

/**
 * The registry of every Delta table in the lakehouse: the one place where names, layers, schemas (with column
 * comments), keys, partitioning and constraints are declared. Stages refer to these constants, never to paths.
 */
public final class Tables {
    private Tables() {}

    /** One input file a stage read: recorded in {@link #PIPELINE_RUNS} for lineage. */
    public static final StructType INPUT_FILE = new StructType()
            .add("path", StringType, true)
            .add("sha256", StringType, true)
            .add("rows", LongType, true);

    /** One table a stage wrote: the Delta version it committed. */
    public static final StructType TABLE_VERSION = new StructType()
            .add("table_name", StringType, true)
            .add("delta_version", LongType, true)
            .add("rows_inserted", LongType, true)
            .add("rows_updated", LongType, true);

    /** One table a stage read: the Delta version it read. */
    public static final StructType TABLE_READ =
            new StructType().add("table_name", StringType, true).add("delta_version", LongType, true);

    public static final TableContract PIPELINE_RUNS = TableContract.builder(Layer.GOLD, "pipeline_runs")
            .release(Release.METADATA)
            .description("Append-only: one row per status event of a stage of a pipeline run (running when it starts,"
                    + " then succeeded or failed); the latest row per run_id and stage is the stage's"
                    + " state. When, what it read, which table versions it wrote, what it cost, and how it"
                    + " ended. Researchers pin analyses to a run_id from here.")
            .required(
                    Cols.RUN_ID,
                    StringType,
                    "Run identifier (UTC start time + random suffix); shared by all stages of a run")
            .required("stage", StringType, "Stage name: ingest, indicators, spc, evaluate, report")
            .required(
                    Cols.STATUS,
                    StringType,
                    "running, succeeded or failed; a run killed mid-stage stays running until a later run marks it"
                            + " failed (abandoned)")
            .required("started_at", TimestampType, "When the stage started (UTC)")
            .column("ended_at", TimestampType, "When the stage ended (UTC); null while running")
            .column("period", StringType, "The reporting month requested with --period (YYYY-MM), null for all months")
            .column("error", StringType, "One-line cause when the stage failed")
            .column(
                    "input_files",
                    DataTypes.createArrayType(INPUT_FILE, true),
                    "Files read: path, sha256 and row count")
            .column(
                    "table_versions",
                    DataTypes.createArrayType(TABLE_VERSION, true),
                    "Delta version written per table, with rows inserted and updated")
            .column("git_commit", StringType, "Commit of the code that ran")
            .column("config_hash", StringType, "sha256 of the resolved configuration")
            .column("lhs_version", StringType, "LHS Lakehouse version")
            .column("spark_master", StringType, "Spark master the run used")
            .column("environment", StringType, "Deployment label from lhs.environment")
            .column(
                    "recorded_at",
                    TimestampType,
                    "When this row was appended (UTC); null on rows written before run records were appended")
            .column(
                    "up_to_date",
                    BooleanType,
                    "True when the stage found its read table versions, files, configuration and code unchanged since"
                            + " its last success and wrote nothing")
            .column(
                    "settings_hash",
                    StringType,
                    "sha256 of the configuration without its locations (lakehouse, landing, reference, catalog and"
                            + " register paths, whose files files_used hashes) and run housekeeping: with files_used,"
                            + " tables_read and the code version, what decides whether the stage is up to date")
            .column("spark_jobs", LongType, "Spark jobs the stage started (null while running)")
            .column("spark_tasks", LongType, "Spark tasks the stage ran, failed attempts included (null while running)")
            .column(
                    "delta_commits",
                    LongType,
                    "Delta commits the stage made through the table writer, its own run record excluded")
            .column(
                    "tables_read",
                    DataTypes.createArrayType(TABLE_READ, true),
                    "Delta version of each table the stage read")
            .column(
                    "files_used",
                    DataTypes.createArrayType(INPUT_FILE, true),
                    "Configuration, catalog, register, reference and landing files the stage depends on, with sha256"
                            + " (rows null): what decides whether it is up to date")
            .keys(Cols.RUN_ID, "stage", Cols.STATUS, "recorded_at")
            .mode(TableContract.WriteMode.APPEND_NEW_KEYS)
            .check("status_known", "status IN ('running', 'succeeded', 'failed')")
            .build();

    /** Every declared table, in the order the pipeline writes them. */
    public static List<TableContract> all() {
        return List.of(
                IngestTables.FILES,
                IngestTables.PUBLICATION_ROWS,
                IngestTables.ORGANISATIONS,
                IngestTables.AE_MONTHLY,
                IngestTables.AE_SYSTEM_MONTHLY,
                IngestTables.RTT_INCOMPLETE,
                IngestTables.QUARANTINE,
                IngestTables.DATA_QUALITY,
                VintageTables.VINTAGES,
                SpellTables.BRONZE_SPELLS,
                SpellTables.SILVER_SPELLS,
                SpellTables.SPELL_MEASURES,
                ModelTables.MODEL_FIT,
                ModelTables.MODEL_FIT_PUBLISHED,
                IndicatorTables.INDICATOR_VALUES,
                IndicatorTables.INDICATOR_VALUES_PUBLISHED,
                IndicatorTables.FUNNEL_POINTS,
                IndicatorTables.FUNNEL_POINTS_PUBLISHED,
                IndicatorTables.INEQUALITY,
                IndicatorTables.INEQUALITY_PUBLISHED,
                VintageTables.REVISIONS,
                VintageTables.REVISIONS_PUBLISHED,
                SpcTables.SPC_POINTS,
                SpcTables.SPC_SUMMARY,
                SpcTables.SPC_POINTS_PUBLISHED,
                SpcTables.SPC_SUMMARY_PUBLISHED,
                EvaluationTables.INTERVENTIONS,
                EvaluationTables.INTERVENTION_EFFECTS,
                EvaluationTables.INTERVENTION_EFFECTS_PUBLISHED,
                EvaluationTables.INTERVENTION_EQUITY,
                EvaluationTables.INTERVENTION_EQUITY_PUBLISHED,
                EvaluationTables.LEARNING,
                EvaluationTables.LEARNING_PUBLISHED,
                EvaluationTables.PROGRAMME_EFFECTS,
                EvaluationTables.PROGRAMME_EFFECTS_PUBLISHED,
                PIPELINE_RUNS);
    }

    /** Looks a table up by {@code layer.name}. */
    public static Optional<TableContract> byQualifiedName(String qualifiedName) {
        return all().stream()
                .filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName))
                .findFirst();
    }
}
