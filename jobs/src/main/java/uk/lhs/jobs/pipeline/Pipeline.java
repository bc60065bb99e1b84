package uk.lhs.jobs.pipeline;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.lakehouse.LakehouseLease;
import uk.lhs.common.lakehouse.RunRecorder;

/**
 * The ordered stages of a scheduled run. Each stage is recorded in {@code gold.pipeline_runs} (running, then
 * succeeded or failed); the first failure stops the run and is rethrown for the CLI to report.
 */
public final class Pipeline {
    private Pipeline() {}

    /** Result of one stage within a run. */
    public record StageResult(String stage, StageOutput output) {}

    /**
     * Runs the given stages in order under one run id.
     *
     * @return what each stage read and wrote
     */
    @SuppressWarnings("try") // the stage lease is held by the try-with-resources, not referenced in it
    public static List<StageResult> run(JobContext ctx, List<Stage> toRun, String period, PrintStream console) {
        String runId = RunRecorder.newRunId(ctx.clock());
        RunRecorder recorder = new RunRecorder(
                ctx.spark(),
                ctx.writer(),
                ctx.clock(),
                runId,
                new RunRecorder.RunInfo(
                        ctx.gitCommit(),
                        ctx.config().hash(),
                        ctx.build().version(),
                        ctx.spark().sparkContext().master(),
                        ctx.config().environment(),
                        period),
                ctx.config().runsAbandonAfter());
        console.println("run " + runId + " (" + toRun.size() + " stage" + (toRun.size() == 1 ? "" : "s")
                + ", lakehouse " + ctx.lakehouse().root() + ")");
        List<StageResult> results = new ArrayList<>();
        for (Stage stage : toRun) {
            StageOutput out = new StageOutput(runId);
            Instant started = recorder.started(stage.name());
            long t0 = System.nanoTime();
            // One writer at a time per stage (issue #18): waits up to lhs.lease.wait for an overlapping run's lease.
            try (LakehouseLease lease = LakehouseLease.acquire(
                    ctx.lakehouse(),
                    stage.name(),
                    runId,
                    ctx.config().leaseWait(),
                    ctx.config().leaseTtl())) {
                stage.run(ctx, period, out);
            } catch (Exception e) {
                String cause = oneLine(e);
                try {
                    recorder.failed(stage.name(), started, cause, out.inputs(), out.writes());
                } catch (RuntimeException recordFailure) {
                    e.addSuppressed(recordFailure);
                }
                throw new StageFailed(stage.name(), runId, cause, e);
            }
            recorder.succeeded(stage.name(), started, out.inputs(), out.writes());
            console.printf("  %-11s ok in %.1f s%n", stage.name(), (System.nanoTime() - t0) / 1e9);
            out.messages().forEach(m -> console.println("    " + m));
            results.add(new StageResult(stage.name(), out));
        }
        return results;
    }

    /** First line of an exception's message, or its class name: what run records and the CLI show. */
    public static String oneLine(Throwable e) {
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = e.getClass().getSimpleName();
        }
        msg = msg.strip();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    /** A stage failed; the run record says so. */
    public static final class StageFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StageFailed(String stage, String runId, String cause, Throwable e) {
            super("stage " + stage + " of run " + runId + " failed: " + cause, e);
        }
    }
}
