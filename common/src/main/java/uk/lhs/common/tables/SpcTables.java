package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.vocab.Cols;

/**
 * Contracts of the gold tables written by the SPC stage ({@code lhs spc}): one row per charted point and one row per
 * series. A series is one (org_level, org_code, indicator_id, stratum) of the indicator values, ordered by
 * period_start. The stage charts two inputs with the same code: {@code gold.indicator_values} (exact counts) into
 * {@link #SPC_POINTS} and {@link #SPC_SUMMARY}, and {@code gold.indicator_values_published} (disclosure-controlled) into
 * {@link #SPC_POINTS_PUBLISHED} and {@link #SPC_SUMMARY_PUBLISHED}, whose every figure comes from published counts
 * (a suppressed month is a gap, like a missing one). Each table is rewritten from the whole of its input on every run
 * (one MERGE each that also deletes the rows of series or months no longer present); earlier versions stay in Delta
 * history.
 */
public final class SpcTables {
    private SpcTables() {}

    /** The columns that identify a series, shared by every SPC table and the indicator values tables. */
    public static final List<String> SERIES_KEYS =
            List.of(Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.INDICATOR_ID, Cols.STRATUM);

    private static final String POINT_TYPES = "'common_cause', 'special_cause_improvement', 'special_cause_concern',"
            + " 'special_cause_neutral_high', 'special_cause_neutral_low'";

    /** gold.spc_points: the charts of gold.indicator_values (exact counts). */
    public static final TableContract SPC_POINTS = points(
            "spc_points",
            Release.EXACT,
            "SPC (Making Data Count) chart of every series of gold.indicator_values, one row per point: plotted"
                    + " value, centre line, process limits, near-limit band, each special-cause rule, point type and"
                    + " phase. Exact counts: for use inside the analyst environment; outputs leaving it use"
                    + " spc_points_published.",
            "gold.indicator_values");

    /** gold.spc_points_published: the same charts computed from gold.indicator_values_published. */
    public static final TableContract SPC_POINTS_PUBLISHED = points(
            "spc_points_published",
            Release.PUBLISHED,
            "spc_points computed by the same code from gold.indicator_values_published: every value, limit and rule"
                    + " comes from disclosure-controlled (rounded) counts, and a suppressed month is a gap like a missing"
                    + " one. For outputs leaving the analyst environment.",
            "gold.indicator_values_published");

    /** gold.spc_summary: one row per series of gold.indicator_values (exact counts). */
    public static final TableContract SPC_SUMMARY = summary(
            "spc_summary",
            Release.EXACT,
            "One row per series of gold.indicator_values: latest value, variation and assurance icons, target, last"
                    + " special cause and warnings. Exact counts: for use inside the analyst environment; dashboards and"
                    + " outputs leaving it use spc_summary_published.",
            "gold.indicator_values",
            SPC_POINTS);

    /** gold.spc_summary_published: the same summary computed from gold.indicator_values_published. */
    public static final TableContract SPC_SUMMARY_PUBLISHED = summary(
            "spc_summary_published",
            Release.PUBLISHED,
            "spc_summary computed by the same code from gold.indicator_values_published (every series of it has a"
                    + " row; suppressed months count as missing points). The table an ICS dashboard reads.",
            "gold.indicator_values_published",
            SPC_POINTS_PUBLISHED);

    private static TableContract points(String name, Release release, String description, String input) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(description)
                .required(Cols.ORG_LEVEL, StringType, "trust, system, region or england")
                .required(Cols.ORG_CODE, StringType, "Organisation code (ODS; 'ENG' style code for England)")
                .column(Cols.ORG_NAME, StringType, "Organisation name (the series' latest)")
                .required(Cols.INDICATOR_ID, StringType, "Indicator identifier (conf/indicators)")
                .required(Cols.STRATUM, StringType, "Population stratum; 'all' = whole population")
                .required(Cols.PERIOD_START, DateType, "First day of the period the point describes")
                .required(Cols.CHART_TYPE, StringType, "Chart drawn: xmr, i, mr, p, pprime, u, uprime, c, t or run")
                .required(Cols.IMPROVEMENT_DIRECTION, StringType, "increase, decrease or neutral")
                .column(Cols.UNIT, StringType, "Unit of the indicator (the series' latest)")
                .column(
                        Cols.STATUS,
                        StringType,
                        "Status of the indicator value: ok, partial, no_data, low_count or suppressed")
                .column(
                        Cols.VALUE,
                        DoubleType,
                        "Plotted statistic: the value, numerator/denominator on p/u charts, |difference|"
                                + " on mr charts; null for a missing point (no_data, suppressed, low_count, or no value)")
                .column(Cols.NUMERATOR, DoubleType, "Numerator as in " + input)
                .column(Cols.DENOMINATOR, DoubleType, "Denominator as in " + input)
                .column("centre", DoubleType, "Centre line of the point's phase (mean; median on run charts)")
                .column("lower_limit", DoubleType, "Lower process limit (null where undefined, e.g. run charts)")
                .column("upper_limit", DoubleType, "Upper process limit (null where undefined)")
                .column("lower_near", DoubleType, "Lower edge of the near-limit band (centre - 2 sigma)")
                .column("upper_near", DoubleType, "Upper edge of the near-limit band (centre + 2 sigma)")
                .required("outside_limits", BooleanType, "Rule: the point is beyond a process limit")
                .required("trend", BooleanType, "Rule: the point is part of a trend (lhs.spc.trend-length points)")
                .required("two_of_three", BooleanType, "Rule: two of three points in the near-limit band on one side")
                .required(
                        "shift",
                        BooleanType,
                        "Rule: part of a shift (lhs.spc.shift-length points on one side of the centre;"
                                + " run charts: an unusually long run)")
                .required("special_cause", BooleanType, "Any rule flags the point")
                .required(
                        "point_type",
                        StringType,
                        "common_cause, special_cause_improvement, special_cause_concern,"
                                + " special_cause_neutral_high or special_cause_neutral_low")
                .required("phase", IntegerType, "1-based phase; a new phase starts at each lhs.spc.rebase date")
                .required("baseline", BooleanType, "Whether the point was used for its phase's centre and limits")
                .column(Cols.RUN_ID, StringType, "Run that computed the row")
                .thresholdsIfPublished()
                .keys(Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.INDICATOR_ID, Cols.STRATUM, Cols.PERIOD_START)
                .keysUniqueByConstruction()
                .lineage(Cols.RUN_ID)
                .check("point_type_known", "point_type IN (" + POINT_TYPES + ")")
                .check("phase_positive", "phase >= 1")
                .build();
    }

    private static TableContract summary(
            String name, Release release, String description, String input, TableContract points) {
        return TableContract.builder(Layer.GOLD, name)
                .release(release)
                .description(description)
                .required(Cols.ORG_LEVEL, StringType, "trust, system, region or england")
                .required(Cols.ORG_CODE, StringType, "Organisation code")
                .column(Cols.ORG_NAME, StringType, "Organisation name (the series' latest)")
                .required(Cols.INDICATOR_ID, StringType, "Indicator identifier")
                .required(Cols.STRATUM, StringType, "Population stratum; 'all' = whole population")
                .required(
                        Cols.CHART_TYPE,
                        StringType,
                        "Chart drawn (chart_type column, else derived from unit: proportion ->"
                                + " pprime, ratio -> uprime, otherwise xmr)")
                .required(Cols.IMPROVEMENT_DIRECTION, StringType, "increase, decrease or neutral")
                .column(Cols.UNIT, StringType, "Unit of the indicator")
                .required(
                        "charted",
                        BooleanType,
                        "False when the series could not be charted; warnings say why and " + points.qualifiedName()
                                + " has no rows for it")
                .required(
                        "points", IntegerType, "Points in the series (months of " + input + "), missing ones included")
                .required(
                        "missing_points",
                        IntegerType,
                        "Points with no value (no_data, suppressed, low_count, or no value)")
                .column("phases", IntegerType, "Number of phases (rebases + 1)")
                .column("first_period", DateType, "First period_start of the series")
                .column("latest_period", DateType, "period_start of the latest point with a value")
                .column("latest_value", DoubleType, "Plotted value of that point")
                .column("latest_centre", DoubleType, "Centre line at that point")
                .column("latest_lower_limit", DoubleType, "Lower process limit at that point")
                .column("latest_upper_limit", DoubleType, "Upper process limit at that point")
                .column(
                        "variation_icon",
                        StringType,
                        "MDC variation icon of the latest point: common_cause, improvement_high,"
                                + " improvement_low, concern_high, concern_low, neutral_high or neutral_low; null when not charted")
                .column(
                        "assurance_icon",
                        StringType,
                        "MDC assurance icon: pass, fail, inconsistent, or none (no target,"
                                + " neutral direction or no limits); null when not charted")
                .column("target", DoubleType, "Target used for assurance (the series' latest non-null target)")
                .column("last_special_cause_date", DateType, "period_start of the latest point flagged by any rule")
                .required(
                        "warnings",
                        DataTypes.createArrayType(StringType, true),
                        "Caveats in words (short baselines,"
                                + " missing denominators, why a series was not charted); empty when none")
                .column(Cols.RUN_ID, StringType, "Run that computed the row")
                .thresholdsIfPublished()
                .keys(Cols.ORG_LEVEL, Cols.ORG_CODE, Cols.INDICATOR_ID, Cols.STRATUM)
                .keysUniqueByConstruction()
                .lineage(Cols.RUN_ID)
                .check("points_positive", "points >= 1")
                .build();
    }
}
