package uk.lhs.jobs.pipeline;

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
}
