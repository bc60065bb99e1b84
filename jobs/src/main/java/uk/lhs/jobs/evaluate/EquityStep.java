package uk.lhs.jobs.evaluate;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.spark.EquityTransform;
import uk.lhs.common.indicators.CatalogLoader;
import uk.lhs.common.indicators.Disclosure;
import uk.lhs.common.tables.EvaluationTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * The evaluate stage's equity step: for patient-level indicators, each intervention's effect per IMD quintile and on
 * the Q1 − Q5 gap and the SII ({@link EquityTransform}), computed twice by the same code — from
 * {@code gold.indicator_values} into {@code gold.intervention_equity} and from {@code gold.indicator_values_published}
 * into {@code gold.intervention_equity_published}. The reliability minimum and multiplier of each indicator come from
 * the catalog ({@code lhs.indicators}). Each table is replaced as a whole each run, like the effects.
 */
final class EquityStep {
    private EquityStep() {}

    /** Output tables in the order of {@link EvaluateStage#EVALUATIONS}: exact, then published. */
    static final List<TableContract> OUTPUTS =
            List.of(EvaluationTables.INTERVENTION_EQUITY, EvaluationTables.INTERVENTION_EQUITY_PUBLISHED);

    /**
     * Evaluates and writes both tables.
     *
     * @param inputs the exact and the published indicator values, in {@link EvaluateStage#EVALUATIONS} order
     * @param revised the same with their revisions ({@code EvaluationTransform.withRevisions}: REVISED_DATA)
     */
    static void write(
            JobContext ctx,
            List<Dataset<Row>> inputs,
            List<Dataset<Row>> revised,
            Dataset<Row> organisations,
            InterventionRegister register,
            StageOutput out) {
        java.nio.file.Path catalog = ctx.config().indicatorsDir();
        java.util.Map<String, EquityTransform.IndicatorSettings> settings = java.util.Map.of();
        if (java.nio.file.Files.isDirectory(catalog)) {
            settings = EquityTransform.settings(CatalogLoader.load(catalog));
        } else {
            // The evaluate stage itself needs no catalog; without one the quintiles are judged by their months only.
            out.say("WARNING equity: no indicator catalog at " + catalog + " (lhs.indicators-dir), so SMALL_SUBGROUP"
                    + " checks usable months only, not the catalog's reliability minimum");
        }
        for (int i = 0; i < OUTPUTS.size(); i++) {
            Dataset<Row> rows = Disclosure.stampedLike(
                            OUTPUTS.get(i),
                            EquityTransform.equity(
                                    revised.get(i),
                                    organisations,
                                    register,
                                    settings,
                                    EvaluationOptions.defaults(),
                                    out.runId()),
                            inputs.get(i))
                    .persist();
            try {
                out.wrote(ctx.writer().write(OUTPUTS.get(i), rows, "true"));
            } finally {
                rows.unpersist();
            }
        }
    }
}
