package uk.lhs.common.spc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.spc.AssuranceIcon;
import uk.lhs.common.spc.SpcEngine;
import uk.lhs.common.spc.SpcOptions;
import uk.lhs.common.spc.SpcPoint;
import uk.lhs.common.spc.SpcResult;
import uk.lhs.common.spc.SpcSeries;
import uk.lhs.common.tables.SpcTables;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;

/** The SPC transform on a small in-memory gold.indicator_values, checked point by point against the engine. */
class SpcTransformTest {
    private static final LocalDate JAN_2023 = LocalDate.of(2023, 1, 1);
    private static final int N = 24;
    /** Series A's period with status no_data (a missing point). */
    private static final int NO_DATA = 5;

    private static final double TARGET = 0.78;
    private static SparkSession spark;
    private static double[] num = new double[N];
    private static double[] den = new double[N];
    private static double[] counts = new double[20];
    private static double[] weeks = new double[18];

    @BeforeAll
    static void data() {
        spark = SharedSpark.session();
        for (int i = 0; i < N; i++) {
            den[i] = 5000 + (i * 137) % 900;
            // About 74-76% within four hours, improving by 4 points from month 16 (a shift the rules must find).
            num[i] = Math.round(den[i] * (0.74 + 0.005 * ((i * 7) % 5) + (i >= 16 ? 0.04 : 0)));
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 12_000 + (i * 311) % 700 + (i == 12 ? 3_000 : 0);
        }
        for (int i = 0; i < weeks.length; i++) {
            weeks[i] = 14 + (i * 5) % 3 + i * 0.1;
        }
    }

    /** Three series (a proportion with a no_data month, a count, weeks forced to a run chart) and a bad one. */
    private static Dataset<Row> input(boolean withChartType) {
        IndicatorValuesFixture f = new IndicatorValuesFixture();
        for (int i = 0; i < N; i++) {
            if (i == NO_DATA) {
                f.add(
                        "trust",
                        "RXA",
                        "ae_4h",
                        JAN_2023.plusMonths(i),
                        null,
                        null,
                        null,
                        "proportion",
                        "increase",
                        TARGET,
                        "no_data",
                        null);
            } else {
                f.add(
                        "trust",
                        "RXA",
                        "ae_4h",
                        JAN_2023.plusMonths(i),
                        num[i],
                        den[i],
                        num[i] / den[i],
                        "proportion",
                        "increase",
                        TARGET,
                        "ok",
                        null);
            }
        }
        f.values("trust", "RXA", "ae_attendances", JAN_2023, counts, "count", "decrease");
        for (int i = 0; i < weeks.length; i++) {
            // A null status is an ordinary point.
            f.add(
                    "england",
                    "ENG",
                    "rtt_median_weeks",
                    JAN_2023.plusMonths(i),
                    null,
                    null,
                    weeks[i],
                    "weeks",
                    "decrease",
                    null,
                    i == 0 ? null : "ok",
                    "run");
        }
        f.proportion(
                "trust",
                "RXB",
                "ae_4h",
                JAN_2023,
                new double[] {10, 12, 15},
                new double[] {20, 20, 11},
                "increase",
                TARGET);
        return f.dataFrame(spark, withChartType);
    }

    private static SpcSeries seriesA() {
        double[] n = num.clone();
        double[] d = den.clone();
        n[NO_DATA] = Double.NaN;
        d[NO_DATA] = Double.NaN;
        return new SpcSeries("a", SpcSeries.monthly(JAN_2023, N), n, d);
    }

    @Test
    void everySeriesIsChartedExactlyAsTheEngineChartsIt() {
        SpcTransform.Outputs out =
                SpcTransform.apply(input(true), SpcSettings.defaults(), "run-1").persist();
        List<Row> points = out.points().collectAsList();
        Map<String, Row> summary = bySeries(out.summary().collectAsList());
        out.unpersist();

        assertEquals(N + counts.length + weeks.length, points.size(), "one point row per input row of charted series");
        assertEquals(4, summary.size(), "every series has a summary row, the uncharted one too");

        SpcResult a = SpcEngine.compute(
                seriesA(),
                SpcOptions.builder()
                        .chart(ChartType.P_PRIME)
                        .improvement(ImprovementDirection.INCREASE)
                        .target(TARGET)
                        .build());
        SpcResult b = SpcEngine.compute(
                SpcSeries.of("b", SpcSeries.monthly(JAN_2023, counts.length), counts),
                SpcOptions.builder().improvement(ImprovementDirection.DECREASE).build());
        SpcResult c = SpcEngine.compute(
                SpcSeries.of("c", SpcSeries.monthly(JAN_2023, weeks.length), weeks),
                SpcOptions.builder()
                        .chart(ChartType.RUN)
                        .improvement(ImprovementDirection.DECREASE)
                        .build());
        assertSame(a, points, "RXA", "ae_4h");
        assertSame(b, points, "RXA", "ae_attendances");
        assertSame(c, points, "ENG", "rtt_median_weeks");
        assertTrue(a.points().stream().anyMatch(SpcPoint::specialCause), "the improvement shift is found");

        Row sa = summary.get("RXA/ae_4h");
        assertEquals("pprime", sa.getAs("chart_type"));
        assertEquals(Boolean.TRUE, sa.getAs("charted"));
        assertEquals(N, (int) sa.getAs("points"));
        assertEquals(1, (int) sa.getAs("missing_points"));
        assertEquals(a.summary().variationIcon().code(), sa.getAs("variation_icon"));
        assertEquals(
                a.summary().assuranceIcon() == AssuranceIcon.NONE
                        ? "none"
                        : a.summary().assuranceIcon().code(),
                sa.getAs("assurance_icon"));
        assertEquals(Date.valueOf(a.summary().lastSpecialCauseDate()), sa.getAs("last_special_cause_date"));
        assertEquals(num[N - 1] / den[N - 1], (double) sa.getAs("latest_value"), 1e-15);
        assertEquals(Date.valueOf(JAN_2023.plusMonths(N - 1)), sa.getAs("latest_period"));
        assertEquals(TARGET, (double) sa.getAs("target"));
        assertEquals(a.summary().warnings(), sa.getList(sa.fieldIndex("warnings")));
        assertEquals("run-1", sa.getAs("run_id"));
        assertEquals("xmr", summary.get("RXA/ae_attendances").getAs("chart_type"));
        assertEquals(
                b.summary().variationIcon().code(),
                summary.get("RXA/ae_attendances").getAs("variation_icon"));
        assertEquals("run", summary.get("ENG/rtt_median_weeks").getAs("chart_type"));

        Row bad = summary.get("RXB/ae_4h");
        assertEquals(Boolean.FALSE, bad.getAs("charted"));
        assertNull(bad.getAs("variation_icon"));
        assertTrue(
                bad.getList(bad.fieldIndex("warnings")).get(0).toString().startsWith("not charted: "),
                bad.getList(bad.fieldIndex("warnings")).toString());
        assertEquals(3, (int) bad.getAs("points"));

        // Both outputs conform to their table contracts (the writer would refuse otherwise).
        DeltaTableWriter.conform(SpcTables.SPC_POINTS, out.points());
        DeltaTableWriter.conform(SpcTables.SPC_SUMMARY, out.summary());
    }

    @Test
    void rebaseAndFreezeSettingsReachTheEngine() {
        LocalDate rebase = JAN_2023.plusMonths(16);
        SpcSettings settings = new SpcSettings(
                List.of(
                        new SpcSettings.Rebase("ae_4h", "RXA", rebase),
                        new SpcSettings.Rebase("ae_4h", "OTHER", JAN_2023.plusMonths(3))),
                6,
                6,
                6,
                false,
                true);
        SpcTransform.Outputs out =
                SpcTransform.apply(input(false), settings, "run-2").persist();
        List<Row> points = out.points().collectAsList();
        Map<String, Row> summary = bySeries(out.summary().collectAsList());
        out.unpersist();
        SpcResult a = SpcEngine.compute(
                seriesA(),
                SpcOptions.builder()
                        .chart(ChartType.P_PRIME)
                        .improvement(ImprovementDirection.INCREASE)
                        .target(TARGET)
                        .rebaseDates(List.of(rebase))
                        .fixAfter(6)
                        .shiftLength(6)
                        .trendLength(6)
                        .screenOutliers(false)
                        .twoOfThreeIncludesBeyond(true)
                        .build());
        assertSame(a, points, "RXA", "ae_4h");
        assertEquals(2, (int) summary.get("RXA/ae_4h").getAs("phases"));
        // Without a chart_type column, weeks are charted as XmR.
        assertEquals("xmr", summary.get("ENG/rtt_median_weeks").getAs("chart_type"));
        assertEquals(1, (int) summary.get("ENG/rtt_median_weeks").getAs("phases"));
    }

    @Test
    void aProportionWithoutDenominatorsFallsBackToXmrOnTheValue() {
        IndicatorValuesFixture f = new IndicatorValuesFixture();
        for (int i = 0; i < 15; i++) {
            f.add(
                    "region",
                    "Y56",
                    "pct",
                    JAN_2023.plusMonths(i),
                    null,
                    null,
                    0.5 + 0.01 * (i % 4),
                    "proportion",
                    "increase",
                    null,
                    "ok",
                    null);
        }
        Row s = SpcTransform.apply(f.dataFrame(spark, false), SpcSettings.defaults(), "r")
                .summary()
                .first();
        assertEquals("xmr", s.getAs("chart_type"));
        assertEquals(Boolean.TRUE, s.getAs("charted"));
        assertTrue(s.getList(s.fieldIndex("warnings")).get(0).toString().contains("charted as xmr on the value"));
    }

    @Test
    void missingInputColumnsAreNamed() {
        Dataset<Row> noStatus = input(false).drop("status");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SpcTransform.apply(noStatus, SpcSettings.defaults(), "r"));
        assertTrue(e.getMessage().contains("missing column status"), e.getMessage());
    }

    private static Map<String, Row> bySeries(List<Row> rows) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : rows) {
            m.put(r.getAs("org_code") + "/" + r.getAs("indicator_id"), r);
        }
        return m;
    }

    /** Every engine point equals the transform's row for the same period, exactly. */
    private static void assertSame(SpcResult expected, List<Row> points, String org, String indicator) {
        Map<LocalDate, Row> rows = new HashMap<>();
        for (Row r : points) {
            if (org.equals(r.getAs("org_code")) && indicator.equals(r.getAs("indicator_id"))) {
                rows.put(((Date) r.getAs("period_start")).toLocalDate(), r);
            }
        }
        assertEquals(expected.points().size(), rows.size(), org + "/" + indicator + " point rows");
        for (SpcPoint p : expected.points()) {
            Row r = rows.get(p.date());
            String where = org + "/" + indicator + " " + p.date();
            assertNumber(p.value(), r, "value", where);
            assertNumber(p.centre(), r, "centre", where);
            assertNumber(p.lowerLimit(), r, "lower_limit", where);
            assertNumber(p.upperLimit(), r, "upper_limit", where);
            assertNumber(p.lowerNear(), r, "lower_near", where);
            assertNumber(p.upperNear(), r, "upper_near", where);
            assertEquals(p.outsideLimits(), r.getAs("outside_limits"), where);
            assertEquals(p.trend(), r.getAs("trend"), where);
            assertEquals(p.twoOfThree(), r.getAs("two_of_three"), where);
            assertEquals(p.shift(), r.getAs("shift"), where);
            assertEquals(p.specialCause(), r.getAs("special_cause"), where);
            assertEquals(p.pointType().code(), r.getAs("point_type"), where);
            assertEquals(p.phase(), (int) r.getAs("phase"), where);
            assertEquals(p.baseline(), r.getAs("baseline"), where);
            assertEquals(expected.chart().code(), r.getAs("chart_type"), where);
        }
    }

    private static void assertNumber(double expected, Row r, String column, String where) {
        if (Double.isNaN(expected)) {
            assertTrue(r.isNullAt(r.fieldIndex(column)), where + " " + column + " should be null");
        } else {
            assertFalse(r.isNullAt(r.fieldIndex(column)), where + " " + column + " should be " + expected);
            assertEquals(expected, (double) r.getAs(column), 0.0, where + " " + column);
        }
    }
}
