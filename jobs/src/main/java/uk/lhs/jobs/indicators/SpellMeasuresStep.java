package uk.lhs.jobs.indicators;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.disclosure.Thresholds;
import uk.lhs.common.spells.CaseMixModel;
import uk.lhs.common.spells.ReadmissionRiskModel;
import uk.lhs.common.spells.SpellMeasures;
import uk.lhs.common.tables.ModelTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * Computes {@code silver.spell_measures} from {@code silver.spells} ({@link SpellMeasures}): 30-day readmissions
 * (NHS OF 3b) with observed and risk-model expected counts, mean length of stay and stays of 21 days or more, per
 * discharging trust, discharge month and equity stratum. A run for one month replaces that month's rows; a run for
 * all months replaces the table's rows, so measures of months that are no longer computed (e.g. data withdrawn)
 * disappear. The risk model's fit goes to {@code gold.model_fit} and, its two national counts disclosure-controlled,
 * {@code gold.model_fit_published}. Called by the indicators stage.
 */
public final class SpellMeasuresStep {
    private SpellMeasuresStep() {}

    /**
     * Runs the step.
     *
     * @param period {@code YYYY-MM} for one discharge month, or null for all
     */
    public static void run(JobContext ctx, String period, StageOutput out) {
        if (!ctx.lakehouse().exists(SpellTables.SILVER_SPELLS)) {
            out.say("spell measures: no silver.spells yet (no spells landed); nothing to compute");
            return;
        }
        Dataset<Row> spells = out.read(
                SpellTables.SILVER_SPELLS,
                ctx.lakehouse().latest(SpellTables.SILVER_SPELLS).orElseThrow());
        List<ReadmissionRiskModel.FitSummary> fits = new ArrayList<>();
        Dataset<Row> measures = SpellMeasures.compute(spells, period, out.runId(), fits::add);
        String scope = period == null ? "true" : "t.period_start = DATE'" + period + "-01'";
        out.wrote(ctx.writer().write(SpellTables.SPELL_MEASURES, measures, scope));
        if (!fits.isEmpty()) {
            // The model is refitted on every run (all months, also with --period): its row replaces the last fit.
            Timestamp now = Timestamp.from(ctx.clock().instant());
            Thresholds thresholds = ctx.config().disclosure();
            out.wrote(ctx.writer()
                    .writeRows(
                            ModelTables.MODEL_FIT,
                            fits.stream().map(f -> f.row(out.runId(), now)).toList(),
                            null));
            out.wrote(ctx.writer()
                    .writeRows(
                            ModelTables.MODEL_FIT_PUBLISHED,
                            fits.stream()
                                    .map(f -> f.publishedRow(out.runId(), now, thresholds))
                                    .toList(),
                            null));
            CaseMixModel.Summary f = fits.get(0).fit();
            out.say(String.format(
                    java.util.Locale.ROOT,
                    "risk model: %d cells, %d parameters, lambda %s, C %.4f, calibration slope %.4f, Brier %.5f",
                    f.cells(),
                    f.parameters(),
                    f.lambda(),
                    f.statistics().cStatistic(),
                    f.statistics().calibrationSlope(),
                    f.statistics().brierScore()));
        }
    }
}
