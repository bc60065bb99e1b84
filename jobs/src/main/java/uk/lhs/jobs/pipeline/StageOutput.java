package uk.lhs.jobs.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.TableContract;

/**
 * What a stage read (files, and tables at a Delta version) and wrote, collected as it runs, plus lines to show the
 * user.
 */
public final class StageOutput {
    private final String runId;
    private final List<InputFile> inputs = new ArrayList<>();
    private final List<WriteResult> writes = new ArrayList<>();
    private final Map<String, Long> tablesRead = new LinkedHashMap<>();
    private final List<String> messages = new ArrayList<>();

    public StageOutput(String runId) {
        this.runId = runId;
    }

    /** The run this stage belongs to; stamped on every row it writes for lineage. */
    public String runId() {
        return runId;
    }

    public void read(InputFile file) {
        inputs.add(file);
    }

    /**
     * Records that the stage read {@code table} at Delta {@code version} (lineage, and what decides whether the stage
     * is up to date next time). A table read at two versions keeps the earlier.
     */
    public void read(TableContract table, long version) {
        tablesRead.merge(table.qualifiedName(), version, Math::min);
    }

    /** Records the read of a pinned table and returns its rows: {@code out.read(lakehouse.latest(t).get())}. */
    public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> read(TableContract table, Lakehouse.Pinned pinned) {
        read(table, pinned.version());
        return pinned.rows();
    }

    public void wrote(WriteResult result) {
        writes.add(result);
    }

    /** A line for the console summary, e.g. a per-file ingest summary. */
    public void say(String message) {
        messages.add(message);
    }

    public List<InputFile> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** {@code layer.name} to the Delta version read. */
    public Map<String, Long> tablesRead() {
        return Collections.unmodifiableMap(tablesRead);
    }

    public List<WriteResult> writes() {
        return Collections.unmodifiableList(writes);
    }

    public List<String> messages() {
        return Collections.unmodifiableList(messages);
    }
}
