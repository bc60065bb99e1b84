package uk.lhs.common.lakehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.vocab.Cols;

/**
 * Records every stage of a run in {@code gold.pipeline_runs}: a {@code running} row when the stage starts (so a run
 * killed mid-stage is visible), then its outcome, inputs and the Delta versions it wrote.
 *
 * <p>A process killed mid-stage (SIGKILL, lost node) never records its outcome, so its row would say {@code running}
 * forever. When a stage starts, every {@code running} row that started more than {@code abandonAfter} earlier is
 * therefore marked {@code failed} with an "abandoned" message. A run that was in fact still alive overwrites that
 * with its real outcome when it ends (the row is upserted on its key), so a too-short threshold only mislabels a
 * long stage while it runs.
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

    /** Message prefix of a run record marked failed because its process ended without recording an outcome. */
    public static final String ABANDONED = "abandoned";
    /** Default {@code lhs.runs.abandon-after}: longer than any stage takes on the data this project targets. */
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofHours(12);

    /** Facts about the code and deployment, identical for every stage of a run. */
    public record RunInfo(
            String gitCommit,
            String configHash,
            String lhsVersion,
            String sparkMaster,
            String environment,
            String period) {}

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

    /**
     * Marks the stage as running (first marking abandoned runs, see the class comment); returns its start time.
     */
    public Instant started(String stage) {
        Instant now = clock.instant();
        abandonStale(now);
        write(stage, "running", now, null, null, List.of(), List.of());
        return now;
    }

    /**
     * Marks as failed every {@code running} record of another run that started more than {@code abandonAfter}
     * before {@code now}.
     *
     * @return how many records were marked
     */
    public int abandonStale(Instant now) {
        Lakehouse lakehouse = writer.lakehouse();
        if (!lakehouse.exists(Tables.PIPELINE_RUNS)) {
            return 0;
        }
        Timestamp cutoff = Timestamp.from(now.minus(abandonAfter));
        List<Row> stale = lakehouse
                .read(Tables.PIPELINE_RUNS)
                .filter(col(Cols.STATUS)
                        .equalTo("running")
                        .and(col("started_at").leq(lit(cutoff)))
                        .and(col(Cols.RUN_ID).notEqual(runId)))
                .collectAsList();
        if (stale.isEmpty()) {
            return 0;
        }
        String[] names = Tables.PIPELINE_RUNS.schema().fieldNames();
        List<String> columns = java.util.Arrays.asList(names);
        int status = columns.indexOf(Cols.STATUS);
        int error = columns.indexOf("error");
        List<Row> marked = new ArrayList<>();
        for (Row r : stale) {
            Object[] values = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = r.get(r.fieldIndex(names[i]));
            }
            values[status] = "failed";
            values[error] = ABANDONED + ": still 'running' when run " + runId + " started at " + now + ", more than "
                    + abandonAfter
                    + " after it began; its process ended without recording an outcome (killed or crashed)";
            marked.add(RowFactory.create(values));
        }
        writer.writeRows(Tables.PIPELINE_RUNS, marked, null);
        return marked.size();
    }

    /** Records the stage's successful end. */
    public void succeeded(String stage, Instant startedAt, List<InputFile> inputs, List<WriteResult> writes) {
        write(stage, "succeeded", startedAt, clock.instant(), null, inputs, writes);
    }

    /** Records the stage's failure with a one-line cause. */
    public void failed(
            String stage, Instant startedAt, String error, List<InputFile> inputs, List<WriteResult> writes) {
        write(stage, "failed", startedAt, clock.instant(), error, inputs, writes);
    }

    private void write(
            String stage,
            String status,
            Instant started,
            Instant ended,
            String error,
            List<InputFile> inputs,
            List<WriteResult> writes) {
        List<Row> files = new ArrayList<>();
        for (InputFile f : inputs) {
            files.add(RowFactory.create(f.path(), f.sha256(), f.rows()));
        }
        List<Row> versions = new ArrayList<>();
        for (WriteResult w : writes) {
            versions.add(RowFactory.create(w.table(), w.version(), w.rowsInserted(), w.rowsUpdated()));
        }
        Row row = RowFactory.create(
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
                info.environment());
        writer.writeRows(Tables.PIPELINE_RUNS, List.of(row), null);
    }
}
