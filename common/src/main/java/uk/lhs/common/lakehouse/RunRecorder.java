package uk.lhs.common.lakehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.vocab.Cols;

/**
 * Records every stage of a run in {@code gold.pipeline_runs}, which is append-only: a {@code running} row when the
 * stage starts (so a run killed mid-stage is visible), then a row with its outcome, inputs, the Delta versions it read
 * and wrote, the files it depends on and what it cost. A stage found up to date gets one {@code succeeded} row with
 * {@code up_to_date} set. Readers take the latest row per run and stage ({@link #latest(Dataset)},
 * {@link StageRecord#latest(List)}). Each row is one blind Delta append: no MERGE, no read of the table, no conflict
 * with a concurrent run's append.
 *
 * <p>A process killed mid-stage (SIGKILL, lost node) never records its outcome, so its latest row would say
 * {@code running} forever. When a stage starts, every stage whose latest row is {@code running} and started more than
 * {@code abandonAfter} earlier therefore gets a {@code failed} row with an "abandoned" message. A run that was in fact
 * still alive appends its real outcome when it ends, which takes precedence over the mark (an outcome outranks an
 * abandoned mark whatever the clocks say), so a too-short threshold only mislabels a long stage while it runs.
 */
public final class RunRecorder {
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SparkSession spark;
    private final DeltaTableWriter writer;
    private final Clock clock;
    private final String runId;
    private final RunInfo info;
    private final Duration abandonAfter;
    /** Every row of gold.pipeline_runs: read once on first need, then kept up to date with this recorder's rows. */
    private List<Row> history;
    /** The table version {@link #history} holds (own appends included); -1 when unknown or not yet read. */
    private long historyVersion = -1;
    /** Stale running records are looked for once per recorder (the first stage of a run). */
    private boolean abandonChecked;

    private long appends;

    /** Message prefix of a run record marked failed because its process ended without recording an outcome. */
    public static final String ABANDONED = "abandoned";
    /** Default {@code lhs.runs.abandon-after}: longer than any stage takes on the data this project targets. */
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofHours(12);

    /**
     * Facts about the code and deployment, identical for every stage of a run.
     *
     * @param settingsHash sha256 of the configuration without locations and housekeeping (null when not computed)
     */
    public record RunInfo(
            String gitCommit,
            String configHash,
            String lhsVersion,
            String sparkMaster,
            String environment,
            String period,
            String settingsHash) {
        public RunInfo(
                String gitCommit,
                String configHash,
                String lhsVersion,
                String sparkMaster,
                String environment,
                String period) {
            this(gitCommit, configHash, lhsVersion, sparkMaster, environment, period, null);
        }
    }

    /**
     * What a stage read, wrote, depends on and cost: everything an outcome row records besides its status.
     *
     * @param inputs data files read (path, sha256, rows)
     * @param writes tables written (or found current when up to date)
     * @param tablesRead {@code layer.name} to the Delta version read
     * @param filesUsed configuration, catalog, register, reference and landing files, with sha256
     * @param cost Spark jobs, tasks and Delta commits, or null when not counted
     * @param upToDate whether the stage was skipped as up to date
     */
    public record Facts(
            List<InputFile> inputs,
            List<WriteResult> writes,
            Map<String, Long> tablesRead,
            List<InputFile> filesUsed,
            CostCounter.Cost cost,
            boolean upToDate) {
        public Facts {
            inputs = List.copyOf(inputs);
            writes = List.copyOf(writes);
            tablesRead = Map.copyOf(tablesRead);
            filesUsed = List.copyOf(filesUsed);
        }

        /** Only what was read and written (no lineage beyond that, no cost). */
        public static Facts of(List<InputFile> inputs, List<WriteResult> writes) {
            return new Facts(inputs, writes, Map.of(), List.of(), null, false);
        }
    }

    public RunRecorder(SparkSession spark, DeltaTableWriter writer, Clock clock, String runId, RunInfo info) {
        this(spark, writer, clock, runId, info, DEFAULT_ABANDON_AFTER);
    }

    /**
     * @param abandonAfter how long a {@code running} record may stay so before a later stage marks it failed
     *     (abandoned)
     */
    public RunRecorder(
            SparkSession spark,
            DeltaTableWriter writer,
            Clock clock,
            String runId,
            RunInfo info,
            Duration abandonAfter) {
        this.spark = spark;
        this.writer = writer;
        this.clock = clock;
        this.runId = runId;
        this.info = info;
        if (abandonAfter.isNegative()) {
            throw new IllegalArgumentException("abandonAfter must not be negative: " + abandonAfter);
        }
        this.abandonAfter = abandonAfter;
    }

    /** A new run id: UTC start time plus a random suffix, sortable by time. */
    public static String newRunId(Clock clock) {
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return RUN_ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }

    public String runId() {
        return runId;
    }

    public RunInfo info() {
        return info;
    }

    /** Delta commits this recorder made (its appends, and the table's creation or upgrade). */
    public long commits() {
        return appends;
    }

    /**
     * Marks the stage as running (the first time, after marking abandoned runs, see the class comment); returns its
     * start time.
     */
    public Instant started(String stage) {
        Instant now = clock.instant();
        if (!abandonChecked) {
            abandonStale(now);
            abandonChecked = true;
        }
        append(List.of(record(stage, "running", now, null, null, Facts.of(List.of(), List.of()), now)));
        return now;
    }

    /**
     * Appends a {@code failed} (abandoned) row for every stage of another run whose latest row is {@code running}
     * and that started more than {@code abandonAfter} before {@code now}.
     *
     * @return how many records were marked
     */
    public int abandonStale(Instant now) {
        Instant cutoff = now.minus(abandonAfter);
        java.util.Set<List<String>> stale = new java.util.HashSet<>();
        for (StageRecord r : StageRecord.latest(history())) {
            if ("running".equals(r.status())
                    && !r.startedAt().isAfter(cutoff)
                    && !r.runId().equals(runId)) {
                stale.add(List.of(r.runId(), r.stage()));
            }
        }
        List<Row> marked = new ArrayList<>();
        java.util.Set<List<String>> done = new java.util.HashSet<>();
        for (Row r : history) {
            List<String> key = List.of(r.getString(r.fieldIndex(Cols.RUN_ID)), r.getString(r.fieldIndex("stage")));
            if (stale.contains(key) && "running".equals(r.getString(r.fieldIndex(Cols.STATUS))) && done.add(key)) {
                marked.add(with(
                        r,
                        Map.of(
                                Cols.STATUS,
                                "failed",
                                "error",
                                ABANDONED + ": still 'running' when run " + runId + " started at " + now
                                        + ", more than " + abandonAfter + " after it began; its process ended"
                                        + " without recording an outcome (killed or crashed)",
                                "recorded_at",
                                Timestamp.from(now))));
            }
        }
        if (!marked.isEmpty()) {
            append(marked);
        }
        return marked.size();
    }

    /** A copy of a stored row in the contract's column order, with some values replaced. */
    private static Row with(Row r, Map<String, Object> replaced) {
        StructType schema = Tables.PIPELINE_RUNS.schema();
        String[] names = schema.fieldNames();
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = replaced.containsKey(names[i])
                    ? replaced.get(names[i])
                    : List.of(r.schema().fieldNames()).contains(names[i]) ? r.get(r.fieldIndex(names[i])) : null;
        }
        return new GenericRowWithSchema(values, schema);
    }

    /**
     * Every row of {@code gold.pipeline_runs} (all status events; see {@link StageRecord#latest(List)}), read on first
     * call and kept up to date with this recorder's own rows. Empty when the table does not exist.
     */
    public List<StageRecord> history() {
        if (history == null) {
            Lakehouse lakehouse = writer.lakehouse();
            List<Row> rows = new ArrayList<>();
            Optional<Lakehouse.Pinned> pinned = lakehouse.latest(Tables.PIPELINE_RUNS);
            pinned.ifPresent(p -> rows.addAll(p.rows().collectAsList()));
            history = rows;
            historyVersion = pinned.map(Lakehouse.Pinned::version).orElse(-1L);
        }
        return history.stream().map(StageRecord::fromRow).toList();
    }

    /**
     * Re-reads {@link #history()} when another run has appended since it was read: a stage that waited for its lease
     * must see the records the lease holder wrote, or it would take their stage for still running. A listing of the
     * Delta log when nothing changed.
     */
    public void refreshHistory() {
        if (history != null
                && (historyVersion < 0 || writer.lakehouse().currentVersion(Tables.PIPELINE_RUNS) != historyVersion)) {
            history = null;
        }
    }

    /** Records the stage's successful end. */
    public void succeeded(String stage, Instant startedAt, List<InputFile> inputs, List<WriteResult> writes) {
        succeeded(stage, startedAt, Facts.of(inputs, writes));
    }

    /** Records the stage's successful end with its lineage and cost. */
    public void succeeded(String stage, Instant startedAt, Facts facts) {
        Instant now = clock.instant();
        append(List.of(record(stage, "succeeded", startedAt, now, null, facts, now)));
    }

    /** Records the stage's failure with a one-line cause. */
    public void failed(
            String stage, Instant startedAt, String error, List<InputFile> inputs, List<WriteResult> writes) {
        failed(stage, startedAt, error, Facts.of(inputs, writes));
    }

    /** Records the stage's failure with a one-line cause, its lineage so far and cost. */
    public void failed(String stage, Instant startedAt, String error, Facts facts) {
        Instant now = clock.instant();
        append(List.of(record(stage, "failed", startedAt, now, error, facts, now)));
    }

    /**
     * Records a stage found up to date: one {@code succeeded} row (no {@code running} row before it) with
     * {@code up_to_date} set, its unchanged lineage, and the current versions of its output tables as written.
     */
    public void upToDate(String stage, Facts facts) {
        Instant now = clock.instant();
        if (!abandonChecked) {
            abandonStale(now);
            abandonChecked = true;
        }
        append(List.of(record(stage, "succeeded", now, now, null, facts, now)));
    }

    /** {@link #upToDate(String, Facts)} for several stages at once, in one append (one commit). */
    public void upToDate(Map<String, Facts> stages) {
        Instant now = clock.instant();
        if (!abandonChecked) {
            abandonStale(now);
            abandonChecked = true;
        }
        List<Row> rows = new ArrayList<>();
        stages.forEach((stage, facts) -> rows.add(record(stage, "succeeded", now, now, null, facts, now)));
        append(rows);
    }

    private Row record(
            String stage, String status, Instant started, Instant ended, String error, Facts f, Instant recordedAt) {
        List<Row> files = new ArrayList<>();
        for (InputFile file : f.inputs()) {
            files.add(new GenericRowWithSchema(
                    new Object[] {file.path(), file.sha256(), file.rows()}, Tables.INPUT_FILE));
        }
        List<Row> versions = new ArrayList<>();
        for (WriteResult w : f.writes()) {
            versions.add(new GenericRowWithSchema(
                    new Object[] {w.table(), w.version(), w.rowsInserted(), w.rowsUpdated()}, Tables.TABLE_VERSION));
        }
        List<Row> read = new ArrayList<>();
        new java.util.TreeMap<>(f.tablesRead())
                .forEach((t, v) -> read.add(new GenericRowWithSchema(new Object[] {t, v}, Tables.TABLE_READ)));
        List<Row> used = new ArrayList<>();
        for (InputFile file : f.filesUsed()) {
            used.add(new GenericRowWithSchema(
                    new Object[] {file.path(), file.sha256(), file.rows()}, Tables.INPUT_FILE));
        }
        CostCounter.Cost cost = f.cost();
        return new GenericRowWithSchema(
                new Object[] {
                    runId,
                    stage,
                    status,
                    Timestamp.from(started),
                    ended == null ? null : Timestamp.from(ended),
                    info.period(),
                    error,
                    files,
                    versions,
                    info.gitCommit(),
                    info.configHash(),
                    info.lhsVersion(),
                    info.sparkMaster(),
                    info.environment(),
                    Timestamp.from(recordedAt),
                    f.upToDate(),
                    info.settingsHash(),
                    cost == null ? null : cost.jobs(),
                    cost == null ? null : cost.tasks(),
                    cost == null ? null : cost.deltaCommits(),
                    read,
                    used
                },
                Tables.PIPELINE_RUNS.schema());
    }

    /**
     * Appends rows in one blind Delta commit (after creating the table, or adding the columns an older table lacks).
     * A blind append conflicts with no concurrent append; it is retried only if another writer changed the table's
     * metadata at the same moment.
     */
    private void append(List<Row> rows) {
        Lakehouse lakehouse = writer.lakehouse();
        long before = lakehouse.currentVersion(Tables.PIPELINE_RUNS);
        writer.ensure(Tables.PIPELINE_RUNS);
        long created = lakehouse.currentVersion(Tables.PIPELINE_RUNS) - Math.max(before, -1);
        appends += created;
        history(); // read before this run's rows are added, so they are kept exactly once
        long known = historyVersion;
        String location = lakehouse.location(Tables.PIPELINE_RUNS);
        for (int attempt = 1; ; attempt++) {
            try {
                DeltaTableWriter.driverFrame(spark, rows, Tables.PIPELINE_RUNS.schema())
                        .write()
                        .format("delta")
                        .mode("append")
                        .save(location);
                break;
            } catch (io.delta.exceptions.DeltaConcurrentModificationException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
        appends++;
        history.addAll(rows);
        // Exactly one commit since the read (this one): the history is complete; otherwise another run appended too.
        long now = lakehouse.currentVersion(Tables.PIPELINE_RUNS);
        historyVersion = known >= 0 && now == known + 1 ? now : -1;
    }

    /**
     * The latest row per run and stage of {@code gold.pipeline_runs} rows (what every reader of the append-only table
     * wants): an outcome over an "abandoned" mark over {@code running}, then the later {@code recorded_at} — the
     * order of {@link StageRecord#latest(List)}.
     */
    public static Dataset<Row> latest(Dataset<Row> runs) {
        if (!java.util.Arrays.asList(runs.columns()).contains("recorded_at")) {
            return runs; // a table from before run records were appended: one row per run and stage
        }
        var rank = when(col(Cols.STATUS).equalTo("running"), lit(0))
                .when(col(Cols.STATUS).equalTo("failed").and(col("error").startsWith(ABANDONED)), lit(1))
                .otherwise(lit(2));
        var order = Window.partitionBy(col(Cols.RUN_ID), col("stage"))
                .orderBy(rank.desc(), col("recorded_at").desc_nulls_last());
        return runs.withColumn("_latest", row_number().over(order))
                .filter(col("_latest").equalTo(1))
                .drop("_latest");
    }
}
