package uk.lhs.jobs.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.WriteResult;

/** What a stage read and wrote, collected as it runs, plus lines to show the user. */
public final class StageOutput {
    private final String runId;
    private final List<InputFile> inputs = new ArrayList<>();
    private final List<WriteResult> writes = new ArrayList<>();
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

    public List<WriteResult> writes() {
        return Collections.unmodifiableList(writes);
    }

    public List<String> messages() {
        return Collections.unmodifiableList(messages);
    }
}
