package uk.lhs.common.lakehouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import uk.lhs.common.vocab.Cols;

/**
 * One row of {@code gold.pipeline_runs} as a value: a stage of a run, what it read and the Delta versions it wrote.
 *
 * @param runId the run
 * @param stage stage name
 * @param status running, succeeded or failed
 * @param startedAt when the stage started
 * @param endedAt when it ended (null while running, or when the run was killed)
 * @param period the --period the run was given, or null
 * @param inputs files the stage read
 * @param versions table ({@code layer.name}) to the Delta version the stage wrote (or found current)
 * @param gitCommit code commit
 * @param configHash sha256 of the resolved configuration
 * @param lhsVersion LHS Lakehouse version
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
        String lhsVersion) {

    public StageRecord {
        inputs = List.copyOf(inputs);
        versions = Map.copyOf(versions);
    }

    /** Reads a {@code gold.pipeline_runs} row (columns by name, so column order does not matter). */
    public static StageRecord fromRow(Row r) {
        List<InputFile> inputs = new ArrayList<>();
        List<Row> files = r.isNullAt(r.fieldIndex("input_files")) ? List.of() : r.getList(r.fieldIndex("input_files"));
        for (Row f : files) {
            inputs.add(new InputFile(
                    f.getString(f.fieldIndex("path")),
                    f.getString(f.fieldIndex("sha256")),
                    f.isNullAt(f.fieldIndex("rows")) ? null : f.getLong(f.fieldIndex("rows"))));
        }
        Map<String, Long> versions = new LinkedHashMap<>();
        List<Row> written =
                r.isNullAt(r.fieldIndex("table_versions")) ? List.of() : r.getList(r.fieldIndex("table_versions"));
        for (Row v : written) {
            if (!v.isNullAt(v.fieldIndex("table_name")) && !v.isNullAt(v.fieldIndex("delta_version"))) {
                versions.merge(
                        v.getString(v.fieldIndex("table_name")), v.getLong(v.fieldIndex("delta_version")), Math::max);
            }
        }
        return new StageRecord(
                r.getString(r.fieldIndex(Cols.RUN_ID)),
                r.getString(r.fieldIndex("stage")),
                r.getString(r.fieldIndex(Cols.STATUS)),
                instant(r, "started_at"),
                instant(r, "ended_at"),
                r.getString(r.fieldIndex("period")),
                inputs,
                versions,
                r.getString(r.fieldIndex("git_commit")),
                r.getString(r.fieldIndex("config_hash")),
                r.getString(r.fieldIndex("lhs_version")));
    }

    private static Instant instant(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : r.getTimestamp(i).toInstant();
    }
}
