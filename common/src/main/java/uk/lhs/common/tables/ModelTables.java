package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.vocab.Cols;

/**
 * Contracts of the gold tables describing the statistical models behind indicators: today the readmission case-mix
 * model of {@code readmit_30d_isr} ({@code uk.lhs.common.spells.ReadmissionRiskModel}), one row per indicator,
 * replaced by each run that fits it (earlier fits stay in the Delta history and are pinned by run).
 */
public final class ModelTables {
    private ModelTables() {}

    /** gold.model_fit: the exact fit (national standard-population totals). */
    public static final TableContract MODEL_FIT = modelFit(
            "model_fit",
            Release.EXACT,
            " Exact national totals of the standard population: for the analyst environment; model_fit_published"
                    + " carries them rounded.");

    /** gold.model_fit_published: the same, its two counts under NHS disclosure control. */
    public static final TableContract MODEL_FIT_PUBLISHED = modelFit(
            "model_fit_published",
            Release.PUBLISHED,
            " The standard population's discharges and readmissions (national totals) are suppressed when 1 to"
                    + " suppress-below - 1 and rounded to round-to otherwise; the fit statistics are national model"
                    + " diagnostics, like the expected counts of indicator_values_published, and are copied unchanged.");

    private static TableContract modelFit(String name, Release release, String more) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description("The case-mix model behind an indirectly standardised indicator, as last fitted: the"
                        + " standard population, the levels pooled, separation and the penalty, and how well the model"
                        + " discriminates and is calibrated on the standard population (in-sample)." + more)
                .required(
                        Cols.INDICATOR_ID,
                        StringType,
                        "Indicator whose expected counts the model gives: readmit_30d_isr")
                .required("standard_start", DateType, "First discharge month of the standard population")
                .required("standard_end", DateType, "Last discharge month of the standard population (first day)")
                .column(
                        "discharges",
                        LongType,
                        "Denominator discharges with complete follow-up in the standard population (national total)")
                .column("events", LongType, "Of those, discharges followed by an emergency readmission within 30 days")
                .required(
                        "cells", IntegerType, "Case-mix cells (combinations of factor levels) the model was fitted on")
                .required(
                        "parameters",
                        IntegerType,
                        "Coefficients estimated: intercept and non-reference, non-aliased levels (dummy coding)")
                .column(
                        "levels_pooled",
                        DataTypes.createArrayType(StringType, true),
                        "Diagnosis/procedure groups pooled into their specialty's 'other' group because they had no"
                                + " readmission, or only readmissions, in the standard population: 'group (y of n"
                                + " readmitted)'")
                .column(
                        "small_groups_pooled",
                        IntegerType,
                        "Groups pooled into their specialty's 'other' group for having fewer than 30 discharges")
                .required(
                        "separation_detected",
                        BooleanType,
                        "Whether separation remained after pooling: a level with no event or only events, an"
                                + " unpenalised fit that did not converge, or a fitted probability below the floor")
                .column("separation_reason", StringType, "What was detected; null without separation")
                .required(
                        "penalty_lambda",
                        DoubleType,
                        "Ridge (L2) penalty on every coefficient but the intercept: lambda/2 times the sum of squares,"
                                + " on the log-likelihood summed over discharges; 0 without separation")
                .required("penalty_choice", StringType, "How lambda was chosen")
                .column("cv_folds", IntegerType, "Folds of the cross-validation (over discharges); null when not run")
                .column(
                        "cv_log_loss",
                        DoubleType,
                        "Mean held-out log-loss per discharge at the chosen lambda; null when not run")
                .required(
                        "probability_floor",
                        DoubleType,
                        "No discharge's modelled probability is below this: 0.5 / discharges (half an event in the"
                                + " standard population)")
                .required("min_probability", DoubleType, "Smallest fitted probability of a standard-population cell")
                .column(
                        "c_statistic",
                        DoubleType,
                        "Concordance (area under the ROC curve): probability that a readmitted discharge has a higher"
                                + " predicted risk than one not readmitted, ties 1/2; exact over all pairs")
                .column(
                        "calibration_in_the_large",
                        DoubleType,
                        "Intercept of logit P(readmitted) = a + LP with the linear predictor LP as offset (Cox 1958);"
                                + " 0 is perfect")
                .column(
                        "calibration_slope",
                        DoubleType,
                        "Slope b of logit P(readmitted) = a + b LP (Cox 1958); 1 is perfect, below 1 predictions too"
                                + " extreme, above 1 too moderate (e.g. after a penalty)")
                .column("brier_score", DoubleType, "Mean squared difference between outcome (0/1) and predicted risk")
                .required("iterations", IntegerType, "Newton (IRLS) steps of the final fit")
                .required(
                        "converged",
                        BooleanType,
                        "Whether the final fit converged (largest coefficient change < 1e-10)")
                .column(Cols.RUN_ID, StringType, "Run that fitted the model")
                .column(Cols.COMPUTED_AT, TimestampType, "When the model was fitted (UTC)")
                .thresholdsIfPublished()
                .keys(Cols.INDICATOR_ID)
                .lineage(Cols.RUN_ID, Cols.COMPUTED_AT)
                .check("statistics_in_range", "c_statistic IS NULL OR c_statistic BETWEEN 0 AND 1")
                .build();
    }
}
