package uk.lhs.common.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;

/** The engine end to end: the MDC XmR worked example, icons, precedence, phases, freeze and missing values. */
class SpcEngineTest {
    private static final double EPS = 1e-9;
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    /**
     * Hand-checkable MDC XmR example (12 points, one spike).
     *
     * <pre>
     * y      = 10 12 11 13 12 30 12 11 13 12 11 12      Σy = 159, mean = 159/12 = 13.25
     * |Δy|   =    2  1  2  1 18 18  1  2  1  1  1       11 ranges, Σ = 48, AMR = 48/11 = 4.363636...
     * screen : 3.267 × 4.363636 = 14.2560 → the two 18s are dropped; 9 ranges, Σ = 12, AMR = 12/9 = 1.333333...
     * limits = 13.25 ± 2.66 × 4/3 = 13.25 ± 3.546667  → [9.703333, 16.796667]
     * near   = 13.25 ± (2 × 2.66 / 3) × 4/3 = 13.25 ± 2.364444 → [10.885556, 15.614444]
     * unscreened limits = 13.25 ± 2.66 × 48/11 = 13.25 ± 11.607273 → [1.642727, 24.857273]
     * </pre>
     * 30 is above 16.797: special cause. 10 is below the lower near line but alone (no two-of-three). The longest run
     * below the mean is the last 6 points: a shift only when the shift length is 6.
     */
    static final double[] WORKED = {10, 12, 11, 13, 12, 30, 12, 11, 13, 12, 11, 12};

    private static SpcResult xmr(double[] y, SpcOptions.Builder b) {
        return SpcEngine.compute(SpcSeries.of("s", SpcSeries.monthly(START, y.length), y), b.build());
    }

    @Test
    void workedExampleWithScreening() {
        SpcResult r = xmr(WORKED, SpcOptions.builder());
        SpcPoint p = r.points().get(0);
        assertEquals(13.25, p.centre(), EPS);
        assertEquals(13.25 - 2.66 * 12 / 9, p.lowerLimit(), EPS);
        assertEquals(9.703333333, p.lowerLimit(), 1e-8);
        assertEquals(16.796666667, p.upperLimit(), 1e-8);
        assertEquals(10.885555556, p.lowerNear(), 1e-8);
        assertEquals(15.614444444, p.upperNear(), 1e-8);
        assertTrue(r.points().get(5).outsideLimits());
        assertEquals(PointType.SPECIAL_CAUSE_IMPROVEMENT, r.points().get(5).pointType());
        for (int i = 0; i < WORKED.length; i++) {
            SpcPoint q = r.points().get(i);
            assertEquals(i == 5, q.specialCause(), "point " + i);
            assertTrue(q.baseline());
            assertEquals(1, q.phase());
        }
        assertEquals(VariationIcon.COMMON_CAUSE, r.summary().variationIcon());
        assertEquals(START.plusMonths(5), r.summary().lastSpecialCauseDate());
        assertEquals(List.of(), r.summary().warnings());
    }

    @Test
    void workedExampleWithoutScreening() {
        SpcResult r = xmr(WORKED, SpcOptions.builder().screenOutliers(false));
        assertEquals(1.642727273, r.points().get(0).lowerLimit(), 1e-8);
        assertEquals(24.857272727, r.points().get(0).upperLimit(), 1e-8);
        assertTrue(r.points().get(5).outsideLimits(), "30 > 24.857");
    }

    @Test
    void workedExampleShiftOfSixAndTheIcons() {
        SpcResult inc = xmr(WORKED, SpcOptions.builder().shiftLength(6));
        for (int i = 6; i < 12; i++) {
            assertTrue(inc.points().get(i).shift(), "point " + i);
            assertEquals(PointType.SPECIAL_CAUSE_CONCERN, inc.points().get(i).pointType());
        }
        assertFalse(inc.points().get(4).shift());
        assertEquals(VariationIcon.CONCERN_LOW, inc.summary().variationIcon());

        SpcResult dec = xmr(WORKED, SpcOptions.builder().shiftLength(6).improvement(ImprovementDirection.DECREASE));
        assertEquals(PointType.SPECIAL_CAUSE_CONCERN, dec.points().get(5).pointType());
        assertEquals(PointType.SPECIAL_CAUSE_IMPROVEMENT, dec.points().get(11).pointType());
        assertEquals(VariationIcon.IMPROVEMENT_LOW, dec.summary().variationIcon());

        SpcResult neu = xmr(WORKED, SpcOptions.builder().shiftLength(6).improvement(ImprovementDirection.NEUTRAL));
        assertEquals(PointType.SPECIAL_CAUSE_NEUTRAL_HIGH, neu.points().get(5).pointType());
        assertEquals(PointType.SPECIAL_CAUSE_NEUTRAL_LOW, neu.points().get(11).pointType());
        assertEquals(VariationIcon.NEUTRAL_LOW, neu.summary().variationIcon());
    }

    @Test
    void workedExampleAssuranceAgainstTargets() {
        // Limits [9.703, 16.797]: 20 is above, 12 inside, 5 below.
        Object[][] cases = {
            {ImprovementDirection.INCREASE, 20.0, AssuranceIcon.FAIL},
            {ImprovementDirection.INCREASE, 12.0, AssuranceIcon.INCONSISTENT},
            {ImprovementDirection.INCREASE, 5.0, AssuranceIcon.PASS},
            {ImprovementDirection.DECREASE, 20.0, AssuranceIcon.PASS},
            {ImprovementDirection.DECREASE, 12.0, AssuranceIcon.INCONSISTENT},
            {ImprovementDirection.DECREASE, 5.0, AssuranceIcon.FAIL},
            {ImprovementDirection.NEUTRAL, 20.0, AssuranceIcon.NONE},
            {ImprovementDirection.NEUTRAL, 12.0, AssuranceIcon.NONE},
            {ImprovementDirection.NEUTRAL, 5.0, AssuranceIcon.NONE},
            {ImprovementDirection.INCREASE, null, AssuranceIcon.NONE},
        };
        for (Object[] c : cases) {
            SpcResult r = xmr(
                    WORKED,
                    SpcOptions.builder()
                            .improvement((ImprovementDirection) c[0])
                            .target((Double) c[1]));
            assertEquals(c[2], r.summary().assuranceIcon(), c[0] + " target " + c[1]);
        }
        assertEquals("", AssuranceIcon.NONE.code());
    }

    @Test
    void trendTakesPrecedenceOverShiftWhenLabelling() {
        // Baseline: 9, 11 alternating → mean 10, AMR 2, limits 10 ± 5.32, near 10 ± 3.5467 (frozen after 12 points).
        double[] y = {9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 13.4, 13.2, 13.0, 12.8, 12.6, 12.4, 12.2};
        SpcResult r = xmr(y, SpcOptions.builder().fixAfter(12));
        for (int i = 12; i < y.length; i++) {
            SpcPoint p = r.points().get(i);
            assertTrue(p.trend() && p.shift() && !p.outsideLimits() && !p.twoOfThree(), "point " + i);
            // Above the mean (a shift upwards) but falling (a trend downwards): the trend labels it, a concern.
            assertEquals(PointType.SPECIAL_CAUSE_CONCERN, p.pointType(), "point " + i);
        }
        assertEquals(VariationIcon.CONCERN_LOW, r.summary().variationIcon());
        double[] flat = {9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 12, 12, 12, 12, 12, 12, 12};
        SpcResult s = xmr(flat, SpcOptions.builder().fixAfter(12));
        assertEquals(PointType.SPECIAL_CAUSE_IMPROVEMENT, s.points().get(18).pointType());
        assertEquals(VariationIcon.IMPROVEMENT_HIGH, s.summary().variationIcon());
    }

    @Test
    void outsideTakesPrecedenceOverTrend() {
        // A rising trend that starts below the lower limit and ends above the upper one; lower is better.
        double[] y = {9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 4.0, 4.5, 5, 6, 8, 10, 16};
        SpcResult r = xmr(y, SpcOptions.builder().fixAfter(12).improvement(ImprovementDirection.DECREASE));
        SpcPoint first = r.points().get(12);
        assertTrue(first.outsideLimits() && first.trend(), "4.0 < 4.68 and starts the rising trend");
        assertEquals(PointType.SPECIAL_CAUSE_IMPROVEMENT, first.pointType(), "low outside point, lower is better");
        assertEquals(PointType.SPECIAL_CAUSE_CONCERN, r.points().get(15).pointType(), "rising trend, lower is better");
        assertEquals(PointType.SPECIAL_CAUSE_CONCERN, r.points().get(18).pointType());
        assertEquals(VariationIcon.CONCERN_HIGH, r.summary().variationIcon());
    }

    @Test
    void freezeAndRebaseTogether() {
        // Phase 1: points 0-14, baseline = its first 12; phase 2: points 15-29, baseline = 15-26.
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            y[i] = (i < 15 ? 10 : 20) + (i % 2 == 0 ? 1 : -1) + (i % 15 >= 12 ? 100 : 0);
        }
        SpcResult r = xmr(y, SpcOptions.builder().fixAfter(12).rebaseIndices(List.of(15)));
        for (int i = 0; i < 30; i++) {
            SpcPoint p = r.points().get(i);
            assertEquals(i < 15 ? 1 : 2, p.phase());
            assertEquals(i % 15 < 12, p.baseline(), "point " + i);
            // The +100 points after the freeze do not move the centre.
            assertEquals(i < 15 ? 10 : 20, p.centre(), EPS);
            assertEquals(i % 15 >= 12, p.outsideLimits(), "point " + i);
        }
        assertEquals(2.66 * 2, r.points().get(0).upperLimit() - 10, EPS);
        assertEquals(2, r.summary().runs().size());
        // The same split by date.
        SpcResult byDate = xmr(
                y,
                SpcOptions.builder()
                        .fixAfter(12)
                        .rebaseDates(List.of(START.plusMonths(15).minusDays(3))));
        assertEquals(2, byDate.points().get(15).phase());
        assertEquals(1, byDate.points().get(14).phase());
    }

    @Test
    void onePointPhaseHasNoLimitsAndAWarning() {
        double[] y = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 7};
        SpcResult r = xmr(y, SpcOptions.builder().rebaseIndices(List.of(12)));
        SpcPoint last = r.points().get(12);
        assertEquals(2, last.phase());
        assertEquals(7, last.centre(), EPS);
        assertTrue(Double.isNaN(last.upperLimit()) && Double.isNaN(last.lowerLimit()));
        assertFalse(last.specialCause());
        assertEquals(PointType.COMMON_CAUSE, last.pointType());
        assertEquals(
                AssuranceIcon.NONE,
                SpcEngine.compute(
                                SpcSeries.of("s", SpcSeries.monthly(START, 13), y),
                                SpcOptions.builder()
                                        .rebaseIndices(List.of(12))
                                        .target(3.0)
                                        .build())
                        .summary()
                        .assuranceIcon());
        assertEquals(1, r.summary().warnings().size());
        assertTrue(
                r.summary().warnings().get(0).startsWith("phase 2 (from 2025-01-01): short baseline, limits use 1"),
                r.summary().warnings().get(0));
    }

    @Test
    void shortSeriesWarns() {
        SpcResult r = xmr(new double[] {1, 2, 3}, SpcOptions.builder());
        assertEquals(1, r.summary().warnings().size());
        assertFalse(r.points().stream().anyMatch(SpcPoint::specialCause));
    }

    @Test
    void missingValuesBreakMovingRangesButNotRules() {
        // y = 1, NaN, 3, 4: the only complete moving range is |4 − 3| = 1 (R: mean(abs(diff(y)), na.rm = TRUE)).
        SpcResult r = xmr(new double[] {1, Double.NaN, 3, 4}, SpcOptions.builder());
        SpcPoint p = r.points().get(1);
        assertEquals(8.0 / 3, p.centre(), EPS);
        assertEquals(8.0 / 3 + 2.66, p.upperLimit(), EPS);
        assertTrue(Double.isNaN(p.value()));
        assertFalse(p.specialCause() || p.baseline());
        assertEquals(PointType.COMMON_CAUSE, p.pointType());
        // A trailing missing point: the icon comes from the last non-missing point.
        double[] y = WORKED.clone();
        y[11] = Double.NaN;
        SpcResult s = xmr(y, SpcOptions.builder().shiftLength(5));
        assertEquals(VariationIcon.CONCERN_LOW, s.summary().variationIcon());
    }

    @Test
    void excludedPointsAreBridgedInMovingRanges() {
        // Excluding the 30 removes it from the mean and bridges 13 → 12 (qicharts2 diff(y[base])).
        SpcResult r =
                xmr(WORKED, SpcOptions.builder().excludeIndices(List.of(5)).screenOutliers(false));
        // mean = 129/11; ranges 2 1 2 1 |12−12|=0 1 2 1 1 1 → Σ 12 over 10.
        assertEquals(129.0 / 11, r.points().get(0).centre(), EPS);
        assertEquals(129.0 / 11 + 2.66 * 1.2, r.points().get(0).upperLimit(), EPS);
        assertTrue(r.points().get(5).excluded() && r.points().get(5).outsideLimits());
        assertEquals(11, r.summary().runs().get(0).observations());
    }

    @Test
    void constantSeriesHasZeroWidthLimitsWithoutScreeningEverything() {
        SpcResult r = xmr(new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, SpcOptions.builder());
        assertEquals(5, r.points().get(0).upperLimit(), EPS);
        assertFalse(r.points().stream().anyMatch(SpcPoint::specialCause), "points on the limits are not outside");
    }

    @Test
    void iChartUsesSigmaFromD2() {
        SpcResult r = xmr(WORKED, SpcOptions.builder().chart(ChartType.I).screenOutliers(false));
        assertEquals(13.25 + 3 * (48.0 / 11) / 1.128, r.points().get(0).upperLimit(), EPS);
        assertEquals(13.25 + 2 * (48.0 / 11) / 1.128, r.points().get(0).upperNear(), EPS);
    }

    @Test
    void mrChartIsNeutralAndOnlyFlagsOutsidePoints() {
        SpcResult r = xmr(WORKED, SpcOptions.builder().chart(ChartType.MR).target(1.0));
        assertTrue(Double.isNaN(r.points().get(0).value()));
        assertEquals(48.0 / 11, r.points().get(1).centre(), EPS);
        assertEquals(3.267 * 48 / 11, r.points().get(1).upperLimit(), EPS);
        assertTrue(r.points().get(5).outsideLimits());
        assertEquals(PointType.SPECIAL_CAUSE_NEUTRAL_HIGH, r.points().get(5).pointType());
        assertFalse(r.points().stream().anyMatch(p -> p.shift() || p.trend() || p.twoOfThree()));
        assertEquals(AssuranceIcon.NONE, r.summary().assuranceIcon());
    }

    @Test
    void runChartFlagsLongRunsAroundTheMedian() {
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            y[i] = i < 10 ? 1 : 3;
        }
        SpcResult r = xmr(y, SpcOptions.builder().chart(ChartType.RUN));
        assertEquals(2, r.points().get(0).centre(), EPS);
        assertTrue(Double.isNaN(r.points().get(0).upperLimit()));
        // Runs of 10 > round(log2 20) + 3 = 7.
        assertTrue(r.points().stream().allMatch(SpcPoint::shift));
        assertEquals(PointType.SPECIAL_CAUSE_CONCERN, r.points().get(0).pointType());
        assertEquals(PointType.SPECIAL_CAUSE_IMPROVEMENT, r.points().get(19).pointType());
        assertTrue(r.summary().runs().get(0).signal());
        assertEquals(AssuranceIcon.NONE, r.summary().assuranceIcon());
    }

    @Test
    void inputsThatDoNotFitAreRejected() {
        SpcSeries plain = SpcSeries.of("s", SpcSeries.monthly(START, 3), new double[] {1, 2, 3});
        assertThrows(
                IllegalArgumentException.class,
                () -> SpcEngine.compute(
                        plain, SpcOptions.builder().chart(ChartType.P).build()));
        SpcSeries rates =
                new SpcSeries("s", SpcSeries.monthly(START, 3), new double[] {1, 2, 3}, new double[] {10, 10, 10});
        assertThrows(
                IllegalArgumentException.class,
                () -> SpcEngine.compute(
                        rates, SpcOptions.builder().chart(ChartType.C).build()));
        assertThrows(
                IllegalArgumentException.class,
                () -> SpcEngine.compute(
                        plain, SpcOptions.builder().rebaseIndices(List.of(3)).build()));
        assertThrows(
                IllegalArgumentException.class,
                () -> SpcEngine.compute(
                        plain, SpcOptions.builder().excludeIndices(List.of(7)).build()));
        SpcSeries tooMany =
                new SpcSeries("s", SpcSeries.monthly(START, 3), new double[] {1, 12, 3}, new double[] {10, 10, 10});
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> SpcEngine.compute(
                        tooMany, SpcOptions.builder().chart(ChartType.P).build()));
        assertEquals(
                "series 's', 2024-02-01: a p chart needs a count between 0 and the denominator, got 12.0 of 10.0",
                e.getMessage());
        assertEquals(
                3,
                SpcEngine.compute(
                                tooMany, SpcOptions.builder().chart(ChartType.U).build())
                        .points()
                        .size(),
                "a rate may exceed 1");
        SpcSeries negative = SpcSeries.of("s", SpcSeries.monthly(START, 2), new double[] {1, -1});
        assertThrows(
                IllegalArgumentException.class,
                () -> SpcEngine.compute(
                        negative, SpcOptions.builder().chart(ChartType.C).build()));
        assertEquals(
                2, SpcEngine.compute(negative, SpcOptions.defaults()).points().size(), "XmR values may be < 0");
        assertThrows(
                IllegalArgumentException.class,
                () -> SpcOptions.builder().fixAfter(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> SpcOptions.builder().trendLength(2).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> new SpcSeries("s", new LocalDate[] {START, START}, new double[] {1, 2}, null));
    }

    @Test
    void aPhaseWithEveryPointExcludedHasNoCentreAndNoSignal() {
        double[] y = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 5, 6, 7, 8, 9, 10, 11, 12};
        SpcResult r = xmr(
                y,
                SpcOptions.builder()
                        .rebaseIndices(List.of(12))
                        .excludeIndices(List.of(12, 13, 14, 15, 16, 17, 18, 19)));
        SpcPoint p = r.points().get(19);
        assertTrue(Double.isNaN(p.centre()) && Double.isNaN(p.upperLimit()));
        assertTrue(p.trend(), "a trend needs no centre line");
        assertFalse(p.shift() || p.outsideLimits() || p.twoOfThree());
        RunAnalysis ra = r.summary().runs().get(1);
        assertEquals(0, ra.useful());
        assertFalse(ra.signal());
        assertTrue(
                r.summary().warnings().get(0).contains("no baseline points"),
                r.summary().warnings().toString());
    }

    @Test
    void resultsSurviveJavaSerialisation() throws Exception {
        SpcSeries s = new SpcSeries(
                "s", SpcSeries.monthly(START, 4), new double[] {1, 2, 3, 4}, new double[] {10, 10, 10, 10});
        SpcResult r = SpcEngine.compute(
                s, SpcOptions.builder().chart(ChartType.P_PRIME).target(0.2).build());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(r, in.readObject());
            assertEquals(s, in.readObject());
        }
    }

    @Test
    void emptySeriesGivesCommonCauseAndWarnings() {
        SpcResult r = xmr(new double[0], SpcOptions.builder());
        assertEquals(0, r.points().size());
        assertEquals(VariationIcon.COMMON_CAUSE, r.summary().variationIcon());
        assertNull(r.summary().lastSpecialCauseDate());
        assertFalse(r.summary().warnings().isEmpty());
    }
}
