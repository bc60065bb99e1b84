package uk.lhs.jobs.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.lhs.jobs.Stages;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/** The scheduled entry point: every stage, in order, under one run id. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run every pipeline stage in order (the scheduled job); each stage is recorded in"
                + " gold.pipeline_runs.")
final class RunCommand implements Callable<Integer> {
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

    @Override
    public Integer call() {
        validatePeriod(period);
        JobContext ctx = JobContext.create(landingOption.load(common));
        Pipeline.run(ctx, Stages.all(), period, System.out, new Pipeline.Options(force, common.verbose()));
        return 0;
    }

    static void validatePeriod(String period) {
        if (period == null) {
            return;
        }
        try {
            YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--period " + period + " is not a month; write it as YYYY-MM, e.g. 2024-09");
        }
    }
}
