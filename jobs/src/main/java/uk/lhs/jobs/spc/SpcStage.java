package uk.lhs.jobs.spc;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.indicators.CatalogLoader;
import uk.lhs.common.indicators.Disclosure;
import uk.lhs.common.indicators.IndicatorCatalog;
import uk.lhs.common.indicators.SpcSeriesChoice;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.spc.spark.SpcSettings;
import uk.lhs.common.spc.spark.SpcTransform;
import uk.lhs.common.tables.IndicatorTables;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * {@code lhs spc}: charts every series (one per org_level, org_code, indicator_id and stratum; trust, system, region,
 * England) with the Making Data Count rules, twice by the same code: {@code gold.indicator_values} (exact counts) into
 * {@code gold.spc_points} and {@code gold.spc_summary} for analysts, and {@code gold.indicator_values_published}
 * (disclosure-controlled) into {@code gold.spc_points_published} and {@code gold.spc_summary_published}, which the
 * dashboard reads: there every figure comes from published counts and a suppressed month is a gap, like a missing one.
 *
 * <p>The work is {@link SpcTransform}, distributed by series. Limits use each series' whole history, so the stage
 * always charts every month ({@code --period} does not narrow it). Each table is written with one MERGE on its key
 * that also deletes rows no longer produced (a series or month that left its input), so the tables always match the
 * input version recorded as this stage's input; unchanged rows are not rewritten, and Delta history keeps earlier
 * versions. Each input is read at its latest version, pinned for the whole stage; this stage only needs the columns
 * listed in {@link SpcTransform#INPUT}.
 *
 * <p>Which series are charted is the catalog's choice ({@code spc_levels}, {@code spc_months}; {@link SpcSeriesChoice}):
 * the readmission indicators monthly at system, region and England level, and at trust level on the rolling
 * 12-month basis, non-overlapping financial-year points only. Without a catalog every series is charted.
 */
public final class SpcStage implements Stage {
    /** Matches every target row: rows absent from this run's output are deleted in the same MERGE. */
    private static final String WHOLE_TABLE = "true";

    /** One input charted into its two output tables. */
    record Charting(TableContract input, TableContract points, TableContract summary) {}

    /** What the stage charts, in order: the exact values for analysts, then the published values. */
    static final List<Charting> CHARTINGS = List.of(
            new Charting(IndicatorTables.INDICATOR_VALUES, SpcTables.SPC_POINTS, SpcTables.SPC_SUMMARY),
            new Charting(
                    IndicatorTables.INDICATOR_VALUES_PUBLISHED,
                    SpcTables.SPC_POINTS_PUBLISHED,
                    SpcTables.SPC_SUMMARY_PUBLISHED));

    @Override
    public String name() {
        return "spc";
    }

    @Override
    public String description() {
        return "Chart every indicator series with SPC (Making Data Count): gold.spc_points (limits, rules, point types)"
                + " and gold.spc_summary (icons, warnings) from gold.indicator_values, and their _published forms from"
                + " gold.indicator_values_published; settings under lhs.spc.";
    }

    @Override
    public void run(JobContext ctx, String period, StageOutput out) {
        Lakehouse lakehouse = ctx.lakehouse();
        List<Lakehouse.Pinned> inputs = new ArrayList<>();
        for (Charting c : CHARTINGS) {
            inputs.add(lakehouse
                    .latest(c.input())
                    .orElseThrow(() -> new IllegalStateException(c.input().qualifiedName() + " does not exist at "
                            + lakehouse.location(c.input())
                            + "; run lhs indicators first (or lhs run for the whole pipeline)")));
        }
        SpcSettings settings = SpcSettings.from(ctx.config().raw());
        IndicatorCatalog catalog = null;
        if (java.nio.file.Files.isDirectory(ctx.config().indicatorsDir())) {
            catalog = CatalogLoader.load(ctx.config().indicatorsDir());
        } else {
            out.say("WARNING spc: no indicator catalog at " + ctx.config().indicatorsDir()
                    + " (lhs.indicators-dir), so every series is charted at every level and month");
        }
        for (int i = 0; i < CHARTINGS.size(); i++) {
            chart(ctx, CHARTINGS.get(i), inputs.get(i), catalog, settings, out);
        }
        if (period != null) {
            out.say("--period " + period + " does not narrow SPC: limits use each series' whole history");
        }
    }

    /** The catalog's files: which series are charted is the catalog's choice, so an edited catalog re-charts. */
    @Override
    public java.util.List<String> filesUsed(JobContext ctx, String period) throws java.io.IOException {
        return ctx.catalogFiles();
    }

    /** Charts one pinned input into its points and summary tables. */
    private static void chart(
            JobContext ctx,
            Charting c,
            Lakehouse.Pinned input,
            IndicatorCatalog catalog,
            SpcSettings settings,
            StageOutput out) {
        out.read(new InputFile(input.versionedLocation(), null, null));
        out.read(c.input(), input.version());
        Dataset<Row> chosen = catalog == null ? input.rows() : SpcSeriesChoice.charted(input.rows(), catalog);
        SpcTransform.Outputs charts =
                SpcTransform.apply(chosen, settings, out.runId()).persist();
        try {
            out.wrote(ctx.writer()
                    .write(c.points(), Disclosure.stampedLike(c.points(), charts.points(), input.rows()), WHOLE_TABLE));
            out.wrote(ctx.writer()
                    .write(
                            c.summary(),
                            Disclosure.stampedLike(c.summary(), charts.summary(), input.rows()),
                            WHOLE_TABLE));
            long series = charts.summary().count();
            long uncharted = charts.summary().filter("NOT charted").count();
            out.say(series + " series charted from " + c.input().qualifiedName() + " v" + input.version()
                    + (uncharted == 0
                            ? ""
                            : " (" + uncharted + " could not be charted: see warnings in "
                                    + c.summary().qualifiedName() + ")"));
        } finally {
            charts.unpersist();
        }
    }
}
