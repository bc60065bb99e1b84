package uk.lhs.jobs.pipeline;

import java.io.IOException;
import java.util.List;

/**
 * One scheduled step of the pipeline (ingest, indicators, spc, evaluate, report). A stage reads tables or files,
 * calls pure transforms from {@code common}, and writes through the context's writer. It throws on failure; the
 * {@link Pipeline} records the outcome.
 */
public interface Stage {
    /** Short name used on the command line and in {@code gold.pipeline_runs}. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /**
     * Runs the stage.
     *
     * @param ctx session, configuration, lakehouse and writer
     * @param period the month requested ({@code YYYY-MM}) or {@code null} for every month available
     * @param out where the stage reports what it read and wrote, as it goes (kept even when it fails)
     */
    void run(JobContext ctx, String period, StageOutput out) throws Exception;

    /**
     * The files besides tables whose content the stage's result depends on (catalog, register, reference and landing
     * files; Hadoop paths), listed before it runs. Their sha256, with the Delta versions of the tables it read last
     * time, the configuration hash and the code version, decide whether it is up to date ({@link UpToDate}).
     */
    default List<String> filesUsed(JobContext ctx, String period) throws IOException {
        return List.of();
    }
}
