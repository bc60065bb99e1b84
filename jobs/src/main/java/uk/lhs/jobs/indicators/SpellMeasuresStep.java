package uk.lhs.jobs.indicators;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.spells.SpellMeasures;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * Computes {@code silver.spell_measures} from {@code silver.spells} ({@link SpellMeasures}): 30-day readmissions
 * (NHS OF 3b) with observed and risk-model expected counts, mean length of stay and stays of 21 days or more, per
 * discharging trust, discharge month and equity stratum. A run for one month replaces that month's rows; a run for
 * all months replaces the table's rows, so measures of months that are no longer computed (e.g. data withdrawn)
 * disappear. Called by the indicators stage.
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
        Dataset<Row> measures = SpellMeasures.compute(spells, period, out.runId());
        String scope = period == null ? "true" : "t.period_start = DATE'" + period + "-01'";
        out.wrote(ctx.writer().write(SpellTables.SPELL_MEASURES, measures, scope));
    }
}
