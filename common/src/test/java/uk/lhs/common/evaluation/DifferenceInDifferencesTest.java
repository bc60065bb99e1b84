package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DifferenceInDifferencesTest {

    @Test
    void estimateIsTheTwoByTwoDifferenceOfMeans() {
        Random rnd = new Random(5);
        int n = 30;
        double[] a = new double[n];
        double[] b = new double[n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            double common = 50 + 2 * Math.sin(t / 2.0);
            a[t] = common + rnd.nextGaussian();
            b[t] = common + 4 + rnd.nextGaussian();
            y[t] = common + 10 + rnd.nextGaussian() + (t >= 20 ? 2.5 : 0);
        }
        LocalDate start = SyntheticControlTest.ORIGIN.plusMonths(20);
        SeriesWindow w = SeriesWindow.of(SyntheticControlTest.series(y), start, start);
        ComparatorPanel panel = ComparatorPanel.align(
                w, Map.of("A", SyntheticControlTest.series(a), "B", SyntheticControlTest.series(b)));
        DidResult r = DifferenceInDifferences.estimate(w, panel, 2, 0.05, HacForm.SMALL_SAMPLE);
        double expected = 0;
        for (int t = 0; t < n; t++) {
            double gap = y[t] - (a[t] + b[t]) / 2;
            expected += t >= 20 ? gap / 10 : -gap / 20;
        }
        assertEquals(expected, r.estimate(), 1e-10);
        assertTrue(r.ciLower() < 2.5 && 2.5 < r.ciUpper(), "interval covers the injected 2.5");
        assertTrue(r.parallelTrendsP() > 0.05, "pre-trends are parallel by construction");
    }

    @Test
    void parallelTrendsTestDetectsDivergingBaselines() {
        int n = 30;
        double[] c = new double[n];
        double[] y = new double[n];
        Random rnd = new Random(9);
        for (int t = 0; t < n; t++) {
            c[t] = 50 + 0.1 * rnd.nextGaussian();
            y[t] = 50 + 0.5 * t + 0.1 * rnd.nextGaussian();
        }
        LocalDate start = SyntheticControlTest.ORIGIN.plusMonths(20);
        SeriesWindow w = SeriesWindow.of(SyntheticControlTest.series(y), start, start);
        DidResult r = DifferenceInDifferences.estimate(
                w,
                ComparatorPanel.align(w, Map.of("C", SyntheticControlTest.series(c))),
                1,
                0.05,
                HacForm.SMALL_SAMPLE);
        assertEquals(0.5, r.preSlopeDifference(), 0.05);
        assertTrue(r.parallelTrendsP() < 1e-6);
    }
}
