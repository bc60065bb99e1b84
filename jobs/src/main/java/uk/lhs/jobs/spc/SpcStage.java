package uk.lhs.jobs.spc;

import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.spc.spark.SpcSettings;
import uk.lhs.common.spc.spark.SpcTransform;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * {@code lhs spc}: charts every series of {@code gold.indicator_values} (trust, system, region, England; one series per
 * org_level, org_code, indicator_id and stratum) with the Making Data Count rules, and writes {@code gold.spc_points}
 * and {@code gold.spc_summary}.
 *
 * <p>The work is {@link SpcTransform}, distributed by series. Limits use each series' whole history, so the stage
 * always charts every month ({@code --period} does not narrow it). Each table is written with one MERGE on its key
 * that also deletes rows no longer produced (a series or month that left gold.indicator_values), so the tables always
 * match the indicator version recorded as this stage's input; unchanged rows are not rewritten, and Delta history keeps
 * earlier versions. The input is read at its latest version, pinned for the whole stage; this stage only needs the
 * columns listed in {@link SpcTransform#INPUT}.
 */
public final class SpcStage implements Stage {
    /** Matches every target row: rows absent from this run's output are deleted in the same MERGE. */
    private static final String WHOLE_TABLE = "true";

    @Override
    public String name() {
        return "spc";
    }

    @Override
    public String description() {
        return "Chart every indicator series with SPC (Making Data Count): gold.spc_points (limits, rules, point types)"
                + " and gold.spc_summary (icons, warnings); settings under lhs.spc.";
    }

    @Override
    public void run(JobContext ctx, String period, StageOutput out) {
        Lakehouse lakehouse = ctx.lakehouse();
        Lakehouse.Pinned input = lakehouse
                .latest(IndicatorTables.INDICATOR_VALUES)
                .orElseThrow(() -> new IllegalStateException("gold.indicator_values does not exist at "
                        + lakehouse.location(IndicatorTables.INDICATOR_VALUES)
                        + "; run lhs indicators first (or lhs run for the whole pipeline)"));
        out.read(new InputFile(input.versionedLocation(), null, null));
        SpcSettings settings = SpcSettings.from(ctx.config().raw());
        SpcTransform.Outputs charts =
                SpcTransform.apply(input.rows(), settings, out.runId()).persist();
        try {
            WriteResult points = ctx.writer().write(SpcTables.SPC_POINTS, charts.points(), WHOLE_TABLE);
            out.wrote(points);
            WriteResult summary = ctx.writer().write(SpcTables.SPC_SUMMARY, charts.summary(), WHOLE_TABLE);
            out.wrote(summary);
            long series = charts.summary().count();
            long uncharted = charts.summary().filter("NOT charted").count();
            out.say(series + " series charted from gold.indicator_values v" + input.version()
                    + (uncharted == 0
                            ? ""
                            : " (" + uncharted + " could not be charted: see warnings in gold.spc_summary)"));
            if (period != null) {
                out.say("--period " + period + " does not narrow SPC: limits use each series' whole history");
            }
        } finally {
            charts.unpersist();
        }
    }
}
