package uk.lhs.common.lakehouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import uk.lhs.common.vocab.Cols;

/**
 * One row of {@code gold.pipeline_runs} as a value: a status event of a stage of a run, what it read and the Delta
 * versions it wrote. The table is append-only, so a stage has several rows ({@code running}, then its outcome);
 * {@link #latest(List)} keeps the one that states the stage's current state.
 *
 * @param runId the run
 * @param stage stage name
 * @param status running, succeeded or failed
 * @param startedAt when the stage started
 * @param endedAt when it ended (null while running, or when the run was killed)
 * @param period the --period the run was given, or null
 * @param inputs files the stage read
 * @param versions table ({@code layer.name}) to the Delta version the stage wrote (or found current)
 * @param gitCommit code commit ({@code -dirty} appended when the tree had uncommitted changes)
 * @param configHash sha256 of the resolved configuration
 * @param lhsVersion LHS Lakehouse version
 * @param error one-line cause when failed, else null
 * @param recordedAt when the row was appended (null on rows from before run records were appended)
 * @param upToDate whether the stage was skipped as up to date
 * @param cost Spark jobs, tasks and Delta commits of the stage (null while running or when not counted)
 * @param tablesRead table ({@code layer.name}) to the Delta version the stage read
 * @param filesUsed configuration, catalog, register, reference and landing files the stage depends on, with sha256
 * @param settingsHash sha256 of the configuration without locations and housekeeping, or null
 */
public record StageRecord(
        String runId,
        String stage,
        String status,
        Instant startedAt,
        Instant endedAt,
        String period,
        List<InputFile> inputs,
        Map<String, Long> versions,
        String gitCommit,
        String configHash,
        String lhsVersion,
        String error,
        Instant recordedAt,
        boolean upToDate,
        CostCounter.Cost cost,
        Map<String, Long> tablesRead,
        List<InputFile> filesUsed,
        String settingsHash) {

    public StageRecord {
        inputs = List.copyOf(inputs);
        versions = Map.copyOf(versions);
        tablesRead = Map.copyOf(tablesRead);
        filesUsed = List.copyOf(filesUsed);
    }

    /** A record without the lineage and cost columns (as rows written before they existed read). */
    public StageRecord(
            String runId,
            String stage,
            String status,
            Instant startedAt,
            Instant endedAt,
            String period,
            List<InputFile> inputs,
            Map<String, Long> versions,
            String gitCommit,
            String configHash,
            String lhsVersion) {
        this(
                runId,
                stage,
                status,
                startedAt,
                endedAt,
                period,
                inputs,
                versions,
                gitCommit,
                configHash,
                lhsVersion,
                null,
                null,
                false,
                null,
                Map.of(),
                List.of(),
                null);
    }

    /**
     * Which of two rows of one run and stage states its state: an outcome beats an "abandoned" mark (a run that was
     * still alive records its real outcome after a later run marked it), which beats {@code running}; among equals,
     * the later {@code recorded_at}. Ranked by status first so that clocks of different machines cannot reorder a
     * stage's events.
     */
    static final Comparator<StageRecord> PRECEDENCE = Comparator.comparingInt(StageRecord::rank)
            .thenComparing(StageRecord::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder()));

    private int rank() {
        if ("running".equals(status)) {
            return 0;
        }
        return "failed".equals(status) && error != null && error.startsWith(RunRecorder.ABANDONED) ? 1 : 2;
    }

    /** The latest row per run and stage (see {@link #PRECEDENCE}), in the order first seen. */
    public static List<StageRecord> latest(List<StageRecord> rows) {
        Map<List<String>, StageRecord> latest = new LinkedHashMap<>();
        for (StageRecord r : rows) {
            latest.merge(List.of(r.runId(), r.stage()), r, (a, b) -> PRECEDENCE.compare(b, a) > 0 ? b : a);
        }
        return new ArrayList<>(latest.values());
    }

    /** Reads a {@code gold.pipeline_runs} row (columns by name; columns a table from an earlier version lacks read as null). */
    public static StageRecord fromRow(Row r) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (Row v : list(r, "table_versions")) {
            if (!v.isNullAt(v.fieldIndex("table_name")) && !v.isNullAt(v.fieldIndex("delta_version"))) {
                versions.merge(
                        v.getString(v.fieldIndex("table_name")), v.getLong(v.fieldIndex("delta_version")), Math::max);
            }
        }
        Map<String, Long> read = new LinkedHashMap<>();
        for (Row v : list(r, "tables_read")) {
            if (!v.isNullAt(v.fieldIndex("table_name")) && !v.isNullAt(v.fieldIndex("delta_version"))) {
                read.merge(
                        v.getString(v.fieldIndex("table_name")), v.getLong(v.fieldIndex("delta_version")), Math::min);
            }
        }
        Long jobs = lng(r, "spark_jobs");
        Long tasks = lng(r, "spark_tasks");
        Long commits = lng(r, "delta_commits");
        Object upToDate = value(r, "up_to_date");
        return new StageRecord(
                r.getString(r.fieldIndex(Cols.RUN_ID)),
                r.getString(r.fieldIndex("stage")),
                r.getString(r.fieldIndex(Cols.STATUS)),
                instant(r, "started_at"),
                instant(r, "ended_at"),
                r.getString(r.fieldIndex("period")),
                files(r, "input_files"),
                versions,
                r.getString(r.fieldIndex("git_commit")),
                r.getString(r.fieldIndex("config_hash")),
                r.getString(r.fieldIndex("lhs_version")),
                (String) value(r, "error"),
                instant(r, "recorded_at"),
                Boolean.TRUE.equals(upToDate),
                jobs == null || tasks == null || commits == null ? null : new CostCounter.Cost(jobs, tasks, commits),
                read,
                files(r, "files_used"),
                (String) value(r, "settings_hash"));
    }

    private static List<InputFile> files(Row r, String column) {
        List<InputFile> out = new ArrayList<>();
        for (Row f : list(r, column)) {
            out.add(new InputFile(
                    f.getString(f.fieldIndex("path")),
                    f.getString(f.fieldIndex("sha256")),
                    f.isNullAt(f.fieldIndex("rows")) ? null : f.getLong(f.fieldIndex("rows"))));
        }
        return out;
    }

    private static Object value(Row r, String column) {
        if (!java.util.Arrays.asList(r.schema().fieldNames()).contains(column)) {
            return null;
        }
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : r.get(i);
    }

    @SuppressWarnings("unchecked")
    private static List<Row> list(Row r, String column) {
        Object v = value(r, column);
        if (v == null) {
            return List.of();
        }
        // Rows read from Delta hold Scala sequences; rows the recorder built (and keeps) hold Java lists.
        return v instanceof List<?> javaList ? (List<Row>) javaList : r.getList(r.fieldIndex(column));
    }

    private static Long lng(Row r, String column) {
        return (Long) value(r, column);
    }

    private static Instant instant(Row r, String column) {
        Object v = value(r, column);
        return v == null ? null : ((java.sql.Timestamp) v).toInstant();
    }
}
