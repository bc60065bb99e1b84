package uk.lhs.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.pipeline.Stage;

/** Runs a single pipeline stage (e.g. {@code lhs ingest}), recorded as its own run. */
@Command(mixinStandardHelpOptions = true)
final class StageCommand implements Callable<Integer> {
    private final Stage stage;

    @Mixin
    CommonOptions common;

    @Mixin
    LandingOption landingOption;

    @Option(
            names = "--period",
            paramLabel = "YYYY-MM",
            description =
                    "Recompute only this reporting month (default: all); ingest still loads every new file whole.")
    String period;

    @Option(
            names = "--force",
            description = "Recompute every stage, even one whose inputs, configuration and code are unchanged since its"
                    + " last success (which is otherwise skipped as up to date).")
    boolean force;

    StageCommand(Stage stage) {
        this.stage = stage;
    }

    @Override
    public Integer call() {
        RunCommand.validatePeriod(period);
        JobContext ctx = JobContext.create(landingOption.load(common));
        Pipeline.run(ctx, List.of(stage), period, System.out, new Pipeline.Options(force, common.verbose()));
        return 0;
    }
}
