package uk.lhs.common.spc.spark;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.spc.AssuranceIcon;
import uk.lhs.common.spc.SpcEngine;
import uk.lhs.common.spc.SpcOptions;
import uk.lhs.common.spc.SpcPoint;
import uk.lhs.common.spc.SpcResult;
import uk.lhs.common.spc.SpcSeries;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.Cols;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * Charts one series: a row of the four series keys plus {@code obs}, its observations sorted by period (the struct
 * of {@link SpcTransform}), in,
 * a row of {@link #SCHEMA} (the {@code gold.spc_summary} columns plus {@code point_rows}, the series' points) out.
 * Serialisable; Spark runs it on the executors, one series at a time.
 *
 * <p>Per series: the latest non-null unit, chart_type, improvement_direction, target and org_name apply to the whole
 * series. Points with status no_data, suppressed or low_count, or without a value, are missing (NaN) for the engine.
 * A low_count point (below its indicator's reliability minimum, {@code uk.lhs.common.indicators.Reliability}) is
 * thus never flagged as a special cause, never enters its phase's baseline (centre and limits), neither extends nor
 * breaks a run of the rules, breaks moving ranges, and is not plotted: its spc_points row has a null value, point type
 * common_cause and status low_count (the point_type check of gold.spc_points is unchanged); its exact value stays in
 * gold.indicator_values. An unreliable value drawn among the others would invite a reading the rules refuse, and
 * ratios on expected counts near 0 would set the chart's scale. P/U-family
 * charts use numerator/denominator; a series without any usable denominator falls back to XmR on the value, with a
 * warning. A missing improvement direction is charted as neutral, with a warning. A series the engine rejects (e.g.
 * a repeated period, a count above its denominator, an unknown chart_type) gets a summary row with
 * {@code charted = false} and the reason in its warnings, and no point rows.
 */
public final class SeriesCharter implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** Statuses whose value is not charted (gold.indicator_values). */
    public static final List<String> MISSING_STATUSES = List.of("no_data", "suppressed", "low_count");

    /** Point-level columns of gold.spc_points (the others come from the series), in the order of the struct. */
    static final List<String> POINT_COLUMNS = List.of(
            Cols.PERIOD_START,
            Cols.STATUS,
            Cols.VALUE,
            Cols.NUMERATOR,
            Cols.DENOMINATOR,
            "centre",
            "lower_limit",
            "upper_limit",
            "lower_near",
            "upper_near",
            "outside_limits",
            "trend",
            "two_of_three",
            "shift",
            "special_cause",
            "point_type",
            "phase",
            "baseline");

    /** One point of a series: the {@link #POINT_COLUMNS} with the contract's types, all nullable. */
    public static final StructType POINT = subset(SpcTables.SPC_POINTS.schema(), POINT_COLUMNS);

    /** The array column holding a series' points. */
    public static final String POINT_ROWS = "point_rows";

    /** Output: the gold.spc_summary columns (all nullable) plus {@link #POINT_ROWS}. */
    public static final StructType SCHEMA = SpcTables.SPC_SUMMARY
            .schema()
            .asNullable()
            .add(POINT_ROWS, org.apache.spark.sql.types.DataTypes.createArrayType(POINT, true), true);

    private static final Map<String, Integer> OUT = index(SCHEMA);

    private final SpcSettings settings;
    private final String runId;

    /**
     * @param settings the lhs.spc configuration
     * @param runId stamped on every row
     */
    public SeriesCharter(SpcSettings settings, String runId) {
        this.settings = settings;
        this.runId = runId;
    }

    @Override
    public Row call(Row grouped) {
        String orgLevel = grouped.getString(0);
        String orgCode = grouped.getString(1);
        String indicator = grouped.getString(2);
        String stratum = grouped.getString(3);
        List<Row> obs = grouped.getList(4);
        int n = obs.size();
        LocalDate[] dates = new LocalDate[n];
        double[] value = new double[n];
        double[] num = new double[n];
        double[] den = new double[n];
        String unit = null;
        String chartCode = null;
        String direction = null;
        Double target = null;
        String orgName = null;
        int missing = 0;
        for (int i = 0; i < n; i++) {
            Row o = obs.get(i);
            dates[i] = localDate(o.get(SpcTransform.O_PERIOD));
            String status = o.getString(SpcTransform.O_STATUS);
            boolean absent = status != null && MISSING_STATUSES.contains(status);
            value[i] = absent ? Double.NaN : number(o, SpcTransform.O_VALUE);
            num[i] = absent ? Double.NaN : number(o, SpcTransform.O_NUMERATOR);
            den[i] = absent ? Double.NaN : number(o, SpcTransform.O_DENOMINATOR);
            if (Double.isNaN(value[i])) {
                missing++;
            }
            unit = latest(unit, o.getString(SpcTransform.O_UNIT));
            chartCode = latest(chartCode, o.getString(SpcTransform.O_CHART_TYPE));
            direction = latest(direction, o.getString(SpcTransform.O_DIRECTION));
            orgName = latest(orgName, o.getString(SpcTransform.O_ORG_NAME));
            if (!o.isNullAt(SpcTransform.O_TARGET)) {
                target = o.getDouble(SpcTransform.O_TARGET);
            }
        }
        Object[] out = new Object[SCHEMA.size()];
        put(out, Cols.ORG_LEVEL, orgLevel);
        put(out, Cols.ORG_CODE, orgCode);
        put(out, Cols.ORG_NAME, orgName);
        put(out, Cols.INDICATOR_ID, indicator);
        put(out, Cols.STRATUM, stratum);
        put(out, Cols.UNIT, unit);
        put(out, "target", target);
        put(out, "points", n);
        put(out, "missing_points", missing);
        put(out, "first_period", n == 0 || dates[0] == null ? null : Date.valueOf(dates[0]));
        put(out, Cols.RUN_ID, runId);
        put(
                out,
                Cols.CHART_TYPE,
                chartCode == null ? ChartChoice.choose(null, unit).code() : chartCode);
        put(out, Cols.IMPROVEMENT_DIRECTION, direction == null ? ImprovementDirection.NEUTRAL.code() : direction);
        List<String> warnings = new ArrayList<>();
        String id = orgLevel + "/" + orgCode + "/" + indicator + "/" + stratum;
        try {
            ChartType chart = ChartChoice.choose(chartCode, unit);
            ImprovementDirection improvement = ImprovementDirection.NEUTRAL;
            if (direction == null) {
                warnings.add(
                        "no improvement_direction; charted as neutral (no improvement/concern labels, no assurance)");
            } else {
                improvement = ImprovementDirection.fromCode(direction);
            }
            double[] denominators = null;
            double[] values = value;
            if (chart.needsDenominator()) {
                if (anyUsable(num, den)) {
                    values = num;
                    denominators = den;
                } else {
                    warnings.add(
                            "a " + chart.code() + " chart needs numerators and denominators but the series has none;"
                                    + " charted as xmr on the value");
                    chart = ChartType.XMR;
                }
            }
            requireDates(dates, id);
            SpcOptions options = options(chart, improvement, target, indicator, orgCode);
            SpcResult result = SpcEngine.compute(new SpcSeries(id, dates, values, denominators), options);
            warnings.addAll(result.summary().warnings());
            put(out, Cols.CHART_TYPE, chart.code());
            put(out, Cols.IMPROVEMENT_DIRECTION, improvement.code());
            summarise(out, result);
            put(out, POINT_ROWS, seq(points(result, obs)));
            put(out, "charted", true);
        } catch (IllegalArgumentException e) {
            warnings.add("not charted: " + e.getMessage());
            put(out, "charted", false);
            put(out, POINT_ROWS, seq(List.of()));
            latestInput(out, dates, value);
        }
        put(out, "warnings", seq(warnings));
        return RowFactory.create(out);
    }

    /** The engine options for one series: the stage settings plus its chart, direction, target and rebase dates. */
    SpcOptions options(
            ChartType chart, ImprovementDirection improvement, Double target, String indicator, String orgCode) {
        return SpcOptions.builder()
                .chart(chart)
                .improvement(improvement)
                .target(target)
                .rebaseDates(settings.rebaseDates(indicator, orgCode))
                .fixAfter(settings.fixAfter())
                .shiftLength(settings.shiftLength())
                .trendLength(settings.trendLength())
                .screenOutliers(settings.screenOutliers())
                .twoOfThreeIncludesBeyond(settings.twoOfThreeIncludesBeyond())
                .build();
    }

    private static void summarise(Object[] out, SpcResult result) {
        SpcPoint last = null;
        for (SpcPoint p : result.points()) {
            if (!Double.isNaN(p.value())) {
                last = p;
            }
        }
        put(out, "phases", result.summary().runs().size());
        put(out, "last_special_cause_date", date(result.summary().lastSpecialCauseDate()));
        if (last != null) {
            put(out, "latest_period", Date.valueOf(last.date()));
            put(out, "latest_value", last.value());
            put(out, "latest_centre", nullIfNaN(last.centre()));
            put(out, "latest_lower_limit", nullIfNaN(last.lowerLimit()));
            put(out, "latest_upper_limit", nullIfNaN(last.upperLimit()));
        }
        put(out, "variation_icon", result.summary().variationIcon().code());
        AssuranceIcon a = result.summary().assuranceIcon();
        put(out, "assurance_icon", a == AssuranceIcon.NONE ? "none" : a.code());
    }

    private static void latestInput(Object[] out, LocalDate[] dates, double[] value) {
        for (int i = value.length - 1; i >= 0; i--) {
            if (!Double.isNaN(value[i]) && dates[i] != null) {
                put(out, "latest_period", Date.valueOf(dates[i]));
                put(out, "latest_value", value[i]);
                return;
            }
        }
    }

    private static List<Row> points(SpcResult result, List<Row> obs) {
        List<Row> rows = new ArrayList<>(obs.size());
        for (int i = 0; i < obs.size(); i++) {
            SpcPoint p = result.points().get(i);
            Row o = obs.get(i);
            rows.add(RowFactory.create(
                    Date.valueOf(p.date()),
                    o.get(SpcTransform.O_STATUS),
                    nullIfNaN(p.value()),
                    o.get(SpcTransform.O_NUMERATOR),
                    o.get(SpcTransform.O_DENOMINATOR),
                    nullIfNaN(p.centre()),
                    nullIfNaN(p.lowerLimit()),
                    nullIfNaN(p.upperLimit()),
                    nullIfNaN(p.lowerNear()),
                    nullIfNaN(p.upperNear()),
                    p.outsideLimits(),
                    p.trend(),
                    p.twoOfThree(),
                    p.shift(),
                    p.specialCause(),
                    p.pointType().code(),
                    p.phase(),
                    p.baseline()));
        }
        return rows;
    }

    private static void requireDates(LocalDate[] dates, String id) {
        for (LocalDate d : dates) {
            if (d == null) {
                throw new IllegalArgumentException("series '" + id + "' has a row without period_start");
            }
        }
    }

    private static boolean anyUsable(double[] num, double[] den) {
        for (int i = 0; i < num.length; i++) {
            if (!Double.isNaN(num[i]) && den[i] > 0 && Double.isFinite(den[i])) {
                return true;
            }
        }
        return false;
    }

    /** Array columns must be Scala sequences for Spark's row encoder. */
    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return scala.collection.JavaConverters.asScalaBuffer(list).toList();
    }

    private static double number(Row o, int i) {
        return o.isNullAt(i) ? Double.NaN : o.getDouble(i);
    }

    private static String latest(String current, String candidate) {
        return candidate == null ? current : candidate;
    }

    /** A date column value as read by Spark (java.sql.Date, or LocalDate with the Java 8 time API on). */
    static LocalDate localDate(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof LocalDate d ? d : ((Date) v).toLocalDate();
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static void put(Object[] out, String column, Object v) {
        out[OUT.get(column)] = v;
    }

    private static Map<String, Integer> index(StructType schema) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            m.put(schema.fields()[i].name(), i);
        }
        return Map.copyOf(m);
    }

    private static StructType subset(StructType schema, List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(schema.apply(c)
                    .copy(c, schema.apply(c).dataType(), true, schema.apply(c).metadata()));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }
}
