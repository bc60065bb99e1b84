package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
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
 * indicator values and {@code gold.intervention_effects_published}, by the same code, from the published ones; and
 * the effects pooled per intervention type: {@code gold.learning} and {@code gold.learning_published}.
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
                            new StructType().add("trust", StringType, true).add("start_month", DateType, true), true),
                    "A programme's staggered rollout: each trust with its first month in place (empty for a"
                            + " single-start intervention, whose start_month is then the start; for a programme,"
                            + " start_month is the earliest rollout start and scope_trusts the rollout's trusts)")
            .column("notes", StringType, "Free text")
            .column(
                    "intervention_type",
                    StringType,
                    "Kind of change from the register's type (lower snake_case, e.g. virtual_ward); null when none."
                            + " Interventions of one type are pooled in gold.learning")
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

    /** One site pooled in gold.learning: its own estimate and interval and its weight (percent) in the pooled effect. */
    public static final StructType SITE_ESTIMATE = new StructType()
            .add(Cols.INTERVENTION_ID, StringType, true)
            .add(Cols.ORG_CODE, StringType, true)
            .add(Cols.ORG_NAME, StringType, true)
            .add("estimate", DoubleType, true)
            .add("ci_lower", DoubleType, true)
            .add("ci_upper", DoubleType, true)
            .add("weight", DoubleType, true);

    /** gold.learning: per-trust effects of gold.intervention_effects pooled per intervention type. */
    public static final TableContract LEARNING = learning(
            "learning",
            Release.EXACT,
            "What works where: for each intervention type (the register's type) x indicator x method, the"
                    + " per-trust estimates of gold.intervention_effects pooled by random-effects meta-analysis, with"
                    + " the heterogeneity between trusts, the 95% prediction interval for a new trust, caveats and a"
                    + " plain-English statement. Association, never causation. Exact counts: for use inside the analyst"
                    + " environment; outputs leaving it use learning_published.");

    /** gold.learning_published: the same pooling of gold.intervention_effects_published. */
    public static final TableContract LEARNING_PUBLISHED = learning(
            "learning_published",
            Release.PUBLISHED,
            "learning computed by the same code from gold.intervention_effects_published (effects estimated from"
                    + " disclosure-controlled counts). Association, never causation. For outputs leaving the analyst"
                    + " environment.");

    private static TableContract learning(String name, Release release, String description) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(description)
                .required("intervention_type", StringType, "Intervention type from the register (lower snake_case)")
                .required(Cols.INDICATOR_ID, StringType, "Indicator whose per-trust effects are pooled")
                .required(
                        "method",
                        StringType,
                        "Method of the per-trust estimates pooled: its, did, synthetic_control or staggered_did")
                .column(
                        "pooling",
                        StringType,
                        "Meta-analysis estimator actually used: reml, dl (DerSimonian-Laird; also REML's fallback"
                                + " when it does not converge) or fe (fixed effect)")
                .column("k", IntegerType, "Number of trusts pooled")
                .column("sites", STRINGS, "Codes of the trusts pooled, sorted")
                .column(
                        "site_estimates",
                        DataTypes.createArrayType(SITE_ESTIMATE, true),
                        "Each pooled trust: intervention id, org code and name, its estimate and 95% interval, and its"
                                + " weight in the pooled estimate in percent (for a forest plot)")
                .column(
                        "estimate",
                        DoubleType,
                        "Pooled change in the indicator's units (proportions as fractions): the average effect across"
                                + " trusts")
                .column("se", DoubleType, "Standard error of the pooled estimate")
                .column("ci_lower", DoubleType, "Lower limit of the 95% interval of the pooled estimate")
                .column("ci_upper", DoubleType, "Upper limit of the 95% interval of the pooled estimate")
                .column("tau2", DoubleType, "Between-trust variance of the true effects (tau squared; 0 for fe)")
                .column(
                        "i2",
                        DoubleType,
                        "I2 in percent: share of the variation due to real differences between trusts (Higgins &"
                                + " Thompson 2002), 100 tau2 / (tau2 + typical within-trust variance)")
                .column("q", DoubleType, "Cochran's Q heterogeneity statistic")
                .column("q_df", IntegerType, "Degrees of freedom of Q (k - 1)")
                .column("q_p", DoubleType, "p-value of Q (chi-squared with k - 1 df): small when trusts differ")
                .column(
                        "pi_lower",
                        DoubleType,
                        "Lower limit of the 95% prediction interval: where the effect in a new trust is expected to"
                                + " lie; null when k < 3")
                .column("pi_upper", DoubleType, "Upper limit of the 95% prediction interval; null when k < 3")
                .column(
                        "hartung_knapp",
                        BooleanType,
                        "Whether the interval is Hartung-Knapp-Sidik-Jonkman (t, k - 1 df) rather than normal")
                .column(
                        "caveats",
                        DataTypes.createArrayType(CAVEAT, true),
                        "FEW_SITES, HIGH_HETEROGENEITY, SHARED_COMPARATORS: code, severity, message")
                .column(
                        "statement",
                        StringType,
                        "One plain-English sentence for a board paper (association, not causation)")
                .column(Cols.RUN_ID, StringType, "Run that produced the row")
                .thresholdsIfPublished()
                .keys("intervention_type", Cols.INDICATOR_ID, "method")
                .keysUniqueByConstruction()
                .lineage(Cols.RUN_ID)
                .check("learning_method_known", "method IN ('its', 'did', 'synthetic_control', 'staggered_did')")
                .check("learning_pooling_known", "pooling IN ('reml', 'dl', 'fe')")
                .check("learning_k_positive", "k >= 2")
                .build();
    }

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
                .keysUniqueByConstruction()
                .lineage(Cols.RUN_ID)
                .check("method_known", "method IN ('pre_post', 'spc', 'its', 'did', 'synthetic_control', 'summary')")
                .check("attribution_on_summary", "(method = 'summary') = (attribution IS NOT NULL)")
                .build();
    }

    /** gold.intervention_equity: the equity of each effect, from gold.indicator_values (exact counts). */
    public static final TableContract INTERVENTION_EQUITY = equity(
            "intervention_equity",
            Release.EXACT,
            "Equity of each intervention's effect on a patient-level indicator (one with IMD quintile strata) for each"
                    + " exposed organisation, from gold.indicator_values: the interrupted-time-series level change in"
                    + " each IMD quintile (imd_q1 most deprived .. imd_q5), in the monthly gap Q1 minus Q5 and in the"
                    + " monthly slope index of inequality, each with its 95% interval, caveats and a plain-English"
                    + " statement. Each month's quintile values come from that quintile's own counts. Results describe"
                    + " association, never causation. Exact counts: for use inside the analyst environment.");

    /** gold.intervention_equity_published: the same, computed by the same code from gold.indicator_values_published. */
    public static final TableContract INTERVENTION_EQUITY_PUBLISHED = equity(
            "intervention_equity_published",
            Release.PUBLISHED,
            "intervention_equity computed by the same code from gold.indicator_values_published: every estimate and"
                    + " interval comes from disclosure-controlled (rounded) quintile counts and a suppressed month is a"
                    + " gap. Results describe association, never causation. For outputs leaving the analyst"
                    + " environment; the dashboard reads it.");

    private static TableContract equity(String name, Release release, String description) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(description)
                .required(Cols.INTERVENTION_ID, StringType, "Register id")
                .required(
                        Cols.ORG_LEVEL,
                        StringType,
                        "trust or system (the system aggregate of a system-wide intervention)")
                .required(Cols.ORG_CODE, StringType, "Exposed organisation")
                .required(Cols.INDICATOR_ID, StringType, "Patient-level indicator evaluated")
                .required(
                        "subgroup",
                        StringType,
                        "imd_q1 (most deprived) .. imd_q5 (least deprived): the quintile's own series; gap_q1_q5: the"
                                + " monthly gap imd_q1 minus imd_q5; sii: the monthly slope index of inequality (Q1 at"
                                + " rank 0, so a positive SII means higher values towards the least deprived)")
                .column(Cols.ORG_NAME, StringType, "Name of the exposed organisation")
                .column("intervention_start", DateType, "First month the intervention was in place")
                .column("first_post_month", DateType, "First month counted as after (start plus implementation months)")
                .column("expected_direction", StringType, "increase or decrease, from the register")
                .column(
                        "method",
                        StringType,
                        "its: segmented regression with Newey-West HAC intervals on the subgroup's monthly series")
                .column(
                        "estimate",
                        DoubleType,
                        "Level change of the subgroup's series (post minus counterfactual) in the indicator's units"
                                + " (proportions as fractions); null when the series was too short to fit")
                .column("ci_lower", DoubleType, "Lower limit of the 95% interval, null when none")
                .column("ci_upper", DoubleType, "Upper limit of the 95% interval, null when none")
                .column("p_value", DoubleType, "Two-sided p-value for no change")
                .column("pre_periods", IntegerType, "Months before the start with a value in this series")
                .column(
                        "post_periods",
                        IntegerType,
                        "Months after the implementation period with a value in this series")
                .column(
                        "baseline",
                        DoubleType,
                        "Mean of the series over the pre-period months (for the gap and the SII: their size before the"
                                + " start, whose sign says whether a change narrows or widens them)")
                .column(Cols.UNIT, StringType, "Unit of the indicator (and of the estimate)")
                .column(
                        "caveats",
                        DataTypes.createArrayType(CAVEAT, true),
                        "Caveats bearing on this row (SMALL_SUBGROUP, SHORT_BASELINE, SHORT_FOLLOW_UP, DATA_GAPS,"
                                + " REVISED_DATA):"
                                + " code, severity, message")
                .column(
                        "statement",
                        StringType,
                        "One plain-English sentence for a board paper (association, not causation)")
                .column(Cols.RUN_ID, StringType, "Run that produced the row")
                .thresholdsIfPublished()
                .keys(Cols.INTERVENTION_ID, Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.INDICATOR_ID, "subgroup")
                .keysUniqueByConstruction()
                .lineage(Cols.RUN_ID)
                .check(
                        "subgroup_known",
                        "subgroup IN ('imd_q1', 'imd_q2', 'imd_q3', 'imd_q4', 'imd_q5', 'gap_q1_q5', 'sii')")
                .build();
    }

    /** gold.programme_effects: staggered-adoption evaluation of each programme (exact counts). */
    public static final TableContract PROGRAMME_EFFECTS = programmeEffects(
            "programme_effects",
            Release.EXACT,
            "Staggered-adoption evaluation of each programme of the register (an entry with a rollout) on each target"
                    + " indicator, from gold.indicator_values: Callaway and Sant'Anna (2021) group-time average effects"
                    + " on the trusts' monthly series and their aggregations, the two-way fixed-effects estimate beside"
                    + " them, and a summary row with the attribution level, caveats and a plain-English statement."
                    + " Results describe association, never causation. Exact counts: for use inside the analyst"
                    + " environment; outputs leaving it use programme_effects_published.");

    /** gold.programme_effects_published: the same evaluation computed from gold.indicator_values_published. */
    public static final TableContract PROGRAMME_EFFECTS_PUBLISHED = programmeEffects(
            "programme_effects_published",
            Release.PUBLISHED,
            "programme_effects computed by the same code from gold.indicator_values_published: every figure comes"
                    + " from disclosure-controlled (rounded) counts and a trust with a suppressed month leaves the"
                    + " balanced panel. Results describe association, never causation. What the dashboard shows.");

    private static TableContract programmeEffects(String name, Release release, String description) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(description)
                .required(Cols.INTERVENTION_ID, StringType, "Register id of the programme")
                .required(Cols.INDICATOR_ID, StringType, "Indicator evaluated")
                .required(
                        "aggregation",
                        StringType,
                        "att_gt (one cohort in one month), simple, group (by cohort), dynamic (by months since"
                                + " adoption: the event study), calendar (by month), twfe (two-way fixed effects,"
                                + " for comparison) or summary")
                .required(
                        "cell",
                        StringType,
                        "Which value of the aggregation: overall, g=YYYY-MM (cohort), e=N (event time),"
                                + " t=YYYY-MM (month) or g=YYYY-MM,t=YYYY-MM")
                .column(
                        "cohort_month",
                        DateType,
                        "The cohort's first post month (its trusts' rollout start plus the implementation months);"
                                + " null where the row is not one cohort's")
                .column("period_month", DateType, "Calendar month of the row; null where the row is not one month's")
                .column(
                        "event_time",
                        IntegerType,
                        "Months since the cohort's first post month (negative: before; 0: first post month);"
                                + " null where not an event-time row")
                .column(
                        "estimate",
                        DoubleType,
                        "Average effect on the treated in the indicator's units (proportions as fractions): observed"
                                + " minus the change in comparison trusts; summary row: the overall group-aggregated"
                                + " value; null when the estimator could not be run")
                .column("se", DoubleType, "Standard error (multiplier bootstrap clustered by trust; twfe: clustered)")
                .column("ci_lower", DoubleType, "Lower limit of the pointwise 95% interval")
                .column("ci_upper", DoubleType, "Upper limit of the pointwise 95% interval")
                .column(
                        "band_lower",
                        DoubleType,
                        "Lower limit of the simultaneous 95% band over the aggregation's rows; null for overall"
                                + " values")
                .column("band_upper", DoubleType, "Upper limit of the simultaneous 95% band; null for overall values")
                .column(
                        "trusts",
                        STRINGS,
                        "Cohort rows: the cohort's trusts; summary row: every rollout trust in the panel; otherwise"
                                + " null")
                .column("units", IntegerType, "Trusts in the balanced panel (treated and comparison)")
                .column("cohorts", IntegerType, "Adoption cohorts in the panel")
                .column("comparison", StringType, "never_treated or not_yet_treated")
                .column("expected_direction", StringType, "increase or decrease, from the register")
                .column(
                        "pre_test_p",
                        DoubleType,
                        "Summary row: p-value of the placebo test that every pre-adoption ATT(g,t) is 0")
                .column(
                        "attribution",
                        StringType,
                        "Summary row only: insufficient_data, no_change_detected, change_attribution_weak or"
                                + " change_consistent_with_intervention")
                .column(
                        "attribution_reasons",
                        STRINGS,
                        "Summary row only: plain-English reasons for the attribution level")
                .column(
                        "caveats",
                        DataTypes.createArrayType(CAVEAT, true),
                        "Summary row: caveats bearing on the programme (code, severity, message)")
                .column("statement", StringType, "Summary row: one plain-English sentence (association, not causation)")
                .column(Cols.RUN_ID, StringType, "Run that produced the row")
                .thresholdsIfPublished()
                .keys(Cols.INTERVENTION_ID, Cols.INDICATOR_ID, "aggregation", "cell")
                .keysUniqueByConstruction()
                .lineage(Cols.RUN_ID)
                .check(
                        "aggregation_known",
                        "aggregation IN ('att_gt', 'simple', 'group', 'dynamic', 'calendar', 'twfe', 'summary')")
                .check("attribution_on_summary", "(aggregation = 'summary') = (attribution IS NOT NULL)")
                .build();
    }
}
