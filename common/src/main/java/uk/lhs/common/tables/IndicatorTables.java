package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import uk.lhs.common.vocab.Cols;

/**
 * Contracts of the gold tables written by the indicators stage: every indicator value in one long table, its
 * disclosure-controlled published view, and the funnel-plot comparison of trusts.
 */
public final class IndicatorTables {
    private IndicatorTables() {}

    /** Status values of {@code indicator_values}. */
    public static final String STATUS_OK = "ok";

    public static final String STATUS_NO_DATA = "no_data";
    public static final String STATUS_SUPPRESSED = "suppressed";
    public static final String STATUS_PARTIAL = "partial";

    /** gold.indicator_values: the analyst view, exact counts. */
    public static final TableContract INDICATOR_VALUES = values(
            "indicator_values",
            Release.EXACT,
            "Every indicator for every organisation level and month, in one long table: summed numerator and"
                    + " denominator, value with its 95% confidence interval, target and status. Exact counts: for use inside"
                    + " the analyst environment; outputs leaving it use indicator_values_published.");

    /** gold.indicator_values_published: the same rows after NHS small-number disclosure control. */
    public static final TableContract INDICATOR_VALUES_PUBLISHED = values(
            "indicator_values_published",
            Release.PUBLISHED,
            "indicator_values after NHS disclosure control (lhs.disclosure; README \"Information governance\"):"
                    + " a row with a count from 1 to suppress-below - 1 (numerator, denominator, or for proportions"
                    + " denominator - numerator) is suppressed, and so is one more cell of every sum (system of trusts, region"
                    + " of systems, England of regions, stratum all of each stratum family) that would otherwise let a"
                    + " suppressed cell be found by subtraction; a suppressed row has status suppressed and null numbers. Other"
                    + " counts are rounded to the nearest round-to, and value and interval are computed from the rounded counts."
                    + " Safe to publish.");

    private static TableContract values(String name, Release release, String description) {
        TableContract.Builder b = TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(description)
                .required(Cols.ORG_LEVEL, StringType, "trust, system (ICB), region or england")
                .required(
                        Cols.ORG_CODE,
                        StringType,
                        "ODS code; ENG for England; 'unmapped' for providers no reference maps to"
                                + " a system or region")
                .column(Cols.ORG_NAME, StringType, "Organisation name from silver.organisations (else as published)")
                .required(Cols.PERIOD_START, DateType, "First day of the month")
                .required(Cols.INDICATOR_ID, StringType, "Catalog id (conf/indicators)")
                .required(
                        Cols.STRATUM,
                        StringType,
                        "Population subgroup; 'all' for the whole population. Patient-level"
                                + " indicators also: imd_q1..imd_q5 (IMD quintile, 1 most deprived), age_0_15, age_16_64, age_65_74,"
                                + " age_75_84, age_85plus, sex_male, sex_female")
                .column(
                        Cols.NUMERATOR,
                        DoubleType,
                        "Σ numerator over member trusts (observed count for ratios; null for" + " percentiles)")
                .column(
                        Cols.DENOMINATOR,
                        DoubleType,
                        "Σ denominator over member trusts (expected count for ratios; pathways"
                                + " for percentiles; null for counts)")
                .column(
                        Cols.VALUE,
                        DoubleType,
                        "The indicator: a fraction in [0, 1] for proportions, a count, a rate per"
                                + " multiplier, a ratio, or weeks for waiting-time percentiles; null unless status is ok, partial or low_count")
                .column(
                        "ci_lower",
                        DoubleType,
                        "Lower 95% limit: Wilson for proportions, exact/Byar Poisson for counts,"
                                + " rates and ratios (exact below 10 events), Student t for means; null for percentiles")
                .column("ci_upper", DoubleType, "Upper 95% limit, as ci_lower")
                .column(Cols.UNIT, StringType, "Unit of value")
                .column(Cols.IMPROVEMENT_DIRECTION, StringType, "increase, decrease or neutral")
                .column("target", DoubleType, "Target applying to the month, on the value's scale; null when none")
                .required(
                        Cols.STATUS,
                        StringType,
                        "ok; no_data (zero or missing denominator, never 0); low_count (denominator, or"
                                + " expected count for ratios, below the indicator's min_denominator / min_expected in"
                                + " conf/indicators: value and interval kept but unreliable, never charted as a special"
                                + " cause nor used in funnels; takes precedence over partial); partial (an aggregate"
                                + " where some member trusts have no data this month); suppressed (published view only)")
                .column("title", StringType, "Indicator title")
                .column(Cols.MEASURE_TYPE, StringType, "proportion, count, rate, ratio, mean or percentile")
                .column(Cols.CHART_TYPE, StringType, "Default SPC chart: xmr, pprime, uprime, c or run")
                .column(
                        "member_trusts",
                        IntegerType,
                        "Trusts in this organisation that report the indicator in any loaded"
                                + " month (1 at trust level)")
                .column("member_trusts_with_data", IntegerType, "Of those, how many have data this month")
                .column("indicator_title", StringType, "Catalog title, for dashboards (issue #8)")
                .column(
                        "value_display",
                        StringType,
                        "value formatted for display by measure type and unit: 93.4% (proportion),"
                                + " 1,234 (count), 1.02 (ratio), 12.3 wk (weeks), 4.2 days (mean); null without a value")
                .column(
                        "sort_order",
                        IntegerType,
                        "Position of the indicator in the catalog (files by name, then entry"
                                + " order), from 1: the order dashboards list indicators in")
                .column(Cols.RUN_ID, StringType, "Run that computed the row")
                .column(Cols.COMPUTED_AT, TimestampType, "When the row was computed (UTC)")
                .thresholdsIfPublished();
        return b.keys(Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.PERIOD_START, Cols.INDICATOR_ID, Cols.STRATUM)
                .keysUniqueByConstruction()
                .partitionBy(Cols.INDICATOR_ID)
                .lineage(Cols.RUN_ID, Cols.COMPUTED_AT)
                .check("org_level_known", "org_level IN ('trust', 'system', 'region', 'england')")
                .check("status_known", "status IN ('ok', 'no_data', 'low_count', 'partial', 'suppressed')")
                .check("no_data_has_no_value", "status <> 'no_data' OR value IS NULL")
                .build();
    }

    /** Status values of {@code inequality}. */
    public static final String INEQUALITY_NO_QUINTILE = "missing_quintile";

    public static final String INEQUALITY_NOT_COMPUTABLE = "not_computable";

    /** gold.inequality: slope and relative index of inequality across IMD quintiles. */
    public static final TableContract INEQUALITY = inequality("inequality", Release.EXACT, "");

    /** gold.inequality_published: the same, computed from gold.indicator_values_published. */
    public static final TableContract INEQUALITY_PUBLISHED = inequality(
            "inequality_published",
            Release.PUBLISHED,
            " Computed from the published (disclosure-controlled) strata of indicator_values_published, so every figure"
                    + " derives from published counts; a suppressed quintile leaves no SII.");

    private static TableContract inequality(String name, Release release, String more) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(
                        "Per organisation, month and patient-level indicator: the slope index (SII) and relative index"
                                + " (RII) of inequality across the five IMD quintile strata of indicator_values, with 95% limits by PHE's"
                                + " Monte Carlo method (PHEindicatormethods phe_sii). Only stratum 'all' feeds SPC and funnels; this table"
                                + " is the equity lens." + more)
                .required(Cols.ORG_LEVEL, StringType, "trust, system (ICB), region or england")
                .required(Cols.ORG_CODE, StringType, "As in indicator_values")
                .column(Cols.ORG_NAME, StringType, "Organisation name")
                .required(Cols.PERIOD_START, DateType, "First day of the month")
                .required(Cols.INDICATOR_ID, StringType, "Catalog id")
                .required(
                        "dimension",
                        StringType,
                        "Deprivation measure the quantiles come from: imd (IMD quintiles of the"
                                + " patient's area, quintile 1 most deprived)")
                .column("quantiles", IntegerType, "Quantiles with data (5 when computed)")
                .column(
                        "value_type",
                        StringType,
                        "Transformation of the simulation (PHE value_type): proportion (logit), rate"
                                + " (log; ratios too) or other (none; means)")
                .column(
                        "sii",
                        DoubleType,
                        "Slope index of inequality: modelled value at the least deprived end minus the most"
                                + " deprived end (rank 1 minus rank 0; quintile 1, most deprived, at rank 0), on the indicator's scale")
                .column("sii_lower", DoubleType, "Lower 95% limit of the SII")
                .column("sii_upper", DoubleType, "Upper 95% limit of the SII")
                .column("rii", DoubleType, "Relative index of inequality: modelled value at rank 1 / at rank 0")
                .column("rii_lower", DoubleType, "Lower 95% limit of the RII")
                .column("rii_upper", DoubleType, "Upper 95% limit of the RII")
                .column("repetitions", IntegerType, "Monte Carlo replicates behind the limits")
                .required(
                        Cols.STATUS,
                        StringType,
                        "ok; missing_quintile (a quintile has no denominator or no value: no SII);"
                                + " not_computable (a quintile's value or limit is outside the transformation's range, e.g. a proportion"
                                + " of 0 or 1)")
                .column(Cols.UNIT, StringType, "Unit of the indicator (and of the SII)")
                .column(Cols.RUN_ID, StringType, "Run that computed the row")
                .column(Cols.COMPUTED_AT, TimestampType, "When the row was computed (UTC)")
                .thresholdsIfPublished()
                .keys(Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.PERIOD_START, Cols.INDICATOR_ID, "dimension")
                .keysUniqueByConstruction()
                .lineage(Cols.RUN_ID, Cols.COMPUTED_AT)
                .check("status_known", "status IN ('ok', 'missing_quintile', 'not_computable')")
                .check("no_sii_unless_ok", "status = 'ok' OR sii IS NULL")
                .build();
    }

    /** gold.funnel_points: trusts compared per indicator and month with Spiegelhalter overdispersed limits. */
    public static final TableContract FUNNEL_POINTS = funnelPoints("funnel_points", Release.EXACT, "");

    /** gold.funnel_points_published: the same comparison computed from gold.indicator_values_published. */
    public static final TableContract FUNNEL_POINTS_PUBLISHED = funnelPoints(
            "funnel_points_published",
            Release.PUBLISHED,
            " Computed from the published (rounded) counts of indicator_values_published; suppressed trusts are not"
                    + " compared.");

    private static TableContract funnelPoints(String name, Release release, String more) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(
                        "Per indicator, month and trust: the value against Spiegelhalter (2005) funnel limits at the"
                                + " trust's own denominator, adjusted for overdispersion as FunnelPlotR does (PR for proportions, SR for"
                                + " ratios, RC for rates; counts and percentiles are not compared)." + more)
                .required(Cols.INDICATOR_ID, StringType, "Catalog id")
                .required(Cols.PERIOD_START, DateType, "First day of the month")
                .required(Cols.ORG_CODE, StringType, "Trust ODS code")
                .column(Cols.ORG_NAME, StringType, "Trust name")
                .column("funnel_method", StringType, "pr, sr_shmi, sr_cqc or rc (FunnelPlotR data type)")
                .column(Cols.NUMERATOR, DoubleType, "The trust's numerator (observed count for ratios)")
                .column(
                        Cols.DENOMINATOR,
                        DoubleType,
                        "The trust's denominator (expected count for ratios): the funnel's x axis")
                .column(Cols.VALUE, DoubleType, "numerator / denominator × multiplier, as in indicator_values")
                .column(
                        "target",
                        DoubleType,
                        "Funnel centre line: Σ numerators / Σ denominators of the trusts compared"
                                + " (1 × multiplier for standardised ratios), as FunnelPlotR's target")
                .column("z", DoubleType, "Unadjusted z-score on the transformed scale")
                .column(
                        Cols.LOWER_95,
                        DoubleType,
                        "Lower 95% limit at this denominator (overdispersion-adjusted when tau2 > 0)")
                .column(Cols.UPPER_95, DoubleType, "Upper 95% limit")
                .column("lower_998", DoubleType, "Lower 99.8% limit")
                .column("upper_998", DoubleType, "Upper 99.8% limit")
                .column("phi", DoubleType, "Dispersion ratio of the month's trusts")
                .column("tau2", DoubleType, "Between-trust variance on the transformed scale (0 = not overdispersed)")
                .column("overdispersed", BooleanType, "tau2 > 0: the limits above are the adjusted ones")
                .column("used_for_phi", BooleanType, "Whether this trust was kept (not trimmed) when estimating phi")
                .column("position_95", StringType, "below, within or above the 95% limits")
                .column("position_998", StringType, "below, within or above the 99.8% limits")
                .column("outside_95", BooleanType, "Outside the 95% limits")
                .column("outside_998", BooleanType, "Outside the 99.8% limits")
                .column("trusts_compared", IntegerType, "Trusts with data in this indicator and month")
                .column(Cols.RUN_ID, StringType, "Run that computed the row")
                .column(Cols.COMPUTED_AT, TimestampType, "When the row was computed (UTC)")
                .thresholdsIfPublished()
                .keys(Cols.INDICATOR_ID, Cols.PERIOD_START, Cols.ORG_CODE)
                .keysUniqueByConstruction()
                .partitionBy(Cols.INDICATOR_ID)
                .lineage(Cols.RUN_ID, Cols.COMPUTED_AT)
                .check(
                        "positions_known",
                        "position_95 IN ('below', 'within', 'above')"
                                + " AND position_998 IN ('below', 'within', 'above')")
                .build();
    }
}
