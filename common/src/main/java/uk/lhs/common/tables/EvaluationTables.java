package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.vocab.Cols;

/**
 * Contracts of the tables written by the evaluation stage ({@code lhs evaluate}): the interventions register as
 * loaded ({@code silver.interventions}) and the estimated effects: {@code gold.intervention_effects} from the exact
 * indicator values and {@code gold.intervention_effects_published}, by the same code, from the published ones.
 */
public final class EvaluationTables {
    private EvaluationTables() {}

    /** One caveat: catalogue code, severity (info, warning, critical) and a plain-English message. */
    public static final StructType CAVEAT = new StructType()
            .add("code", StringType, true)
            .add("severity", StringType, true)
            .add("message", StringType, true);

    /**
     * One named diagnostic. An array of these rather than a map, because a map column cannot be compared in the MERGE
     * condition that keeps re-runs idempotent.
     */
    public static final StructType DETAIL =
            new StructType().add("name", StringType, true).add(Cols.VALUE, DoubleType, true);

    private static final ArrayType STRINGS = DataTypes.createArrayType(StringType, true);

    public static final TableContract INTERVENTIONS = TableContract.builder(Layer.SILVER, "interventions")
            .release(Release.METADATA)
            .description(
                    "The interventions register as loaded for the latest run (conf/interventions.yaml, superseded by"
                            + " an interventions.yaml in the landing folder): what was done, where, from when, on which indicators.")
            .required(Cols.INTERVENTION_ID, StringType, "Register id, unique, e.g. INT-001")
            .column("title", StringType, "Short title")
            .column("scope_trusts", STRINGS, "Trust codes in scope (empty when the scope is a system)")
            .column(
                    "scope_system",
                    StringType,
                    "System (ICB) code in scope: every trust in it plus the system aggregate;"
                            + " null when the scope is a list of trusts")
            .column("indicators", STRINGS, "Indicator ids the intervention aims to move")
            .required("start_month", DateType, "First month the intervention was in place (first day of the month)")
            .required("implementation_months", IntegerType, "Months from the start excluded from both sides (0 = none)")
            .required("expected_direction", StringType, "increase or decrease")
            .required(
                    "comparator_mode",
                    StringType,
                    "auto (unexposed organisations of the same level), same_region, or" + " explicit")
            .column("comparator_codes", STRINGS, "Explicit comparator codes (empty unless comparator_mode is explicit)")
            .column(
                    "rollout",
                    DataTypes.createArrayType(
                            new StructType().add("trust", StringType, false).add("start_month", DateType, false)),
                    "A programme's staggered rollout: each trust with its first month in place (empty for a"
                            + " single-start intervention, whose start_month is then the start; for a programme,"
                            + " start_month is the earliest rollout start and scope_trusts the rollout's trusts)")
            .column("notes", StringType, "Free text")
            .column("source", StringType, "Register file the entry was read from")
            .column(Cols.RUN_ID, StringType, "Run that loaded the register")
            .keys(Cols.INTERVENTION_ID)
            .lineage(Cols.RUN_ID)
            .check("direction_known", "expected_direction IN ('increase', 'decrease')")
            .check("comparator_mode_known", "comparator_mode IN ('auto', 'same_region', 'explicit')")
            .build();

    /** gold.intervention_effects: the evaluation of gold.indicator_values (exact counts). */
    public static final TableContract INTERVENTION_EFFECTS = effects(
            "intervention_effects",
            Release.EXACT,
            "Estimated change in each target indicator for each intervention and exposed organisation, from"
                    + " gold.indicator_values: one row per method (pre_post, spc, its, did, synthetic_control) plus a"
                    + " summary row with the attribution level, its reasons and the caveats. Results describe association,"
                    + " never causation. Exact counts: for use inside the analyst environment; outputs leaving it use"
                    + " intervention_effects_published.");

    /** gold.intervention_effects_published: the same evaluation computed from gold.indicator_values_published. */
    public static final TableContract INTERVENTION_EFFECTS_PUBLISHED = effects(
            "intervention_effects_published",
            Release.PUBLISHED,
            "intervention_effects computed by the same code from gold.indicator_values_published, for the same"
                    + " register: every estimate, interval, p-value and comparator comes from disclosure-controlled"
                    + " (rounded) counts, a suppressed month is a gap, and the caveats and attribution are those of this"
                    + " evaluation. Results describe association, never causation. For outputs leaving the analyst"
                    + " environment.");

    private static TableContract effects(String name, Release release, String description) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(description)
                .required(Cols.INTERVENTION_ID, StringType, "Register id")
                .required(
                        Cols.ORG_LEVEL,
                        StringType,
                        "trust or system (the system aggregate of a system-wide intervention)")
                .required(Cols.ORG_CODE, StringType, "Exposed organisation")
                .required(Cols.INDICATOR_ID, StringType, "Indicator evaluated")
                .required("method", StringType, "pre_post, spc, its, did, synthetic_control or summary")
                .column(Cols.ORG_NAME, StringType, "Name of the exposed organisation")
                .column("intervention_start", DateType, "First month the intervention was in place")
                .column("first_post_month", DateType, "First month counted as after (start plus implementation months)")
                .column("expected_direction", StringType, "increase or decrease, from the register")
                .column(
                        "estimate",
                        DoubleType,
                        "Change in the indicator's units (proportions as fractions), after minus the"
                                + " counterfactual; summary row: the ITS level change; null when the method could not be run")
                .column("ci_lower", DoubleType, "Lower limit of the 95% interval, null when none")
                .column("ci_upper", DoubleType, "Upper limit of the 95% interval, null when none")
                .column(
                        "p_value",
                        DoubleType,
                        "Two-sided p-value for no change (synthetic control: placebo-in-space rank p)")
                .column("pre_periods", IntegerType, "Months before the start used")
                .column("post_periods", IntegerType, "Months after the implementation period used")
                .column(
                        "attribution",
                        StringType,
                        "Summary row only: insufficient_data, no_change_detected,"
                                + " change_attribution_weak, change_consistent_with_intervention or change_strongly_consistent")
                .column(
                        "attribution_reasons",
                        STRINGS,
                        "Summary row only: plain-English reasons for the attribution level")
                .column(
                        "caveats",
                        DataTypes.createArrayType(CAVEAT, true),
                        "Caveats bearing on this row: code, severity," + " message")
                .column(
                        "details",
                        DataTypes.createArrayType(DETAIL, true),
                        "Method diagnostics by name (available = 1 when" + " the method ran), sorted by name")
                .column(
                        "comparator_codes",
                        STRINGS,
                        "Comparator organisations with complete data that the controlled methods" + " used")
                .column(
                        "context_series",
                        StringType,
                        "Series used to check for wider (secular) change: region or England" + " code, null when none")
                .column(
                        "statement",
                        StringType,
                        "One plain-English sentence for a board paper (association, not causation)")
                .column(Cols.RUN_ID, StringType, "Run that produced the row")
                .thresholdsIfPublished()
                .keys(Cols.INTERVENTION_ID, Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.INDICATOR_ID, "method")
                .lineage(Cols.RUN_ID)
                .check("method_known", "method IN ('pre_post', 'spc', 'its', 'did', 'synthetic_control', 'summary')")
                .check("attribution_on_summary", "(method = 'summary') = (attribution IS NOT NULL)")
                .build();
    }
}
