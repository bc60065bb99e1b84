package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Segmented regression on synthetic series with known parameters. */
class InterruptedTimeSeriesTest {
    private static final LocalDate ORIGIN = LocalDate.of(2020, 1, 1);

    @Test
    void noiseFreeSeriesGivesExactCoefficientsWithAGapAndImplementationPeriod() {
        List<MonthlyValue> s = new ArrayList<>();
        int start = 20;
        int implementation = 2;
        int t0 = start + implementation;
        for (int t = 0; t < 34; t++) {
            double post = t >= t0 ? 1 : 0;
            double y = 50 + 0.5 * t + 8 * post - 0.3 * (t - t0) * post + (t >= start && t < t0 ? 99 : 0);
            if (t != 5) {
                s.add(MonthlyValue.of(ORIGIN.plusMonths(t), y));
            }
        }
        SeriesWindow w = SeriesWindow.of(s, ORIGIN.plusMonths(start), ORIGIN.plusMonths(t0));
        assertEquals(19, w.nPre());
        assertEquals(12, w.nPost());
        assertEquals(1, w.gaps());
        ItsResult r = InterruptedTimeSeries.fit(w, 1, 0.05, HacForm.SMALL_SAMPLE);
        assertFalse(r.seasonal());
        assertEquals(50, r.coefficients()[0], 1e-9);
        assertEquals(0.5, r.preSlope(), 1e-10);
        assertEquals(8, r.levelChange(), 1e-9);
        assertEquals(-0.3, r.slopeChange(), 1e-10);
    }

    @Test
    void monthDummiesAbsorbAnExactSeasonalPattern() {
        double[] season = {3, 2, 0, -1, -2, -3, -3, -2, 0, 1, 2, 3};
        List<MonthlyValue> s = new ArrayList<>();
        for (int t = 0; t < 42; t++) {
            LocalDate m = ORIGIN.plusMonths(t);
            s.add(MonthlyValue.of(m, 40 + 0.2 * t + season[m.getMonthValue() - 1] + (t >= 30 ? 5 : 0)));
        }
        ItsResult r = InterruptedTimeSeries.fit(
                SeriesWindow.of(s, ORIGIN.plusMonths(30), ORIGIN.plusMonths(30)), 2, 0.05, HacForm.SMALL_SAMPLE);
        assertTrue(r.seasonal());
        assertEquals(5, r.levelChange(), 1e-9);
        assertEquals(0, r.slopeChange(), 1e-10);
        assertEquals(season[1] - season[0], r.coefficients()[r.columns().indexOf("m2")], 1e-9);
    }

    @Test
    void noisySeriesWithKnownShiftIsCoveredAndDetected() {
        Random rnd = new Random(42);
        List<MonthlyValue> s = new ArrayList<>();
        double e = 0;
        for (int t = 0; t < 48; t++) {
            e = 0.3 * e + rnd.nextGaussian();
            s.add(MonthlyValue.of(ORIGIN.plusMonths(t), 70 - 0.1 * t + (t >= 30 ? 6 : 0) + e));
        }
        ItsResult r = InterruptedTimeSeries.fit(
                SeriesWindow.of(s, ORIGIN.plusMonths(30), ORIGIN.plusMonths(30)),
                EvaluationOptions.AUTO_LAG,
                0.05,
                HacForm.SMALL_SAMPLE);
        assertEquals(Ols.ruleOfThumbLag(48), r.hacLag());
        assertEquals(3, r.hacLag(), "floor(4 (48/100)^(2/9)) = 3");
        assertTrue(r.levelCiLower() < 6 && 6 < r.levelCiUpper(), "interval covers the true shift of 6");
        assertTrue(r.levelP() < 0.001, "a 6-unit shift in unit noise is detected");
        assertEquals(48 - 15, r.df(), 0, "t reference with n - k df");
    }
}
