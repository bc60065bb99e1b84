package uk.lhs.common.spc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;

/** Anhøj rules: limits against R, and hand-counted runs and crossings. */
class RunChartIT {

    /** R 4.2.2: round(log2(n)) + 3 and qbinom(0.05, n − 1, 0.5) for n = 1..100 (qicharts2 fixture README). */
    @Test
    void thresholdsMatchRForOneToOneHundredPoints() throws IOException {
        RTable t = RTable.read(SharedData.path("reference/peers/qicharts2/derived_anhoej_thresholds_n1_100.csv"));
        assertEquals(100, t.size());
        for (int i = 0; i < t.size(); i++) {
            int n = (int) t.num(i, "n_useful");
            assertEquals((int) t.num(i, "longest_run_max"), RunChart.longestRunMax(n), "longest run max, n=" + n);
            assertEquals((int) t.num(i, "n_crossings_min"), RunChart.crossingsMin(n), "crossings min, n=" + n);
        }
    }

    /**
     * Beyond the R fixture: qbinom(0.05, m, 0.5) from exact binomial sums (BigInteger), the smallest x with
     * Σ_(k≤x) C(m, k) ≥ 0.05 × 2^m, i.e. 20 Σ C(m, k) ≥ 2^m. 0.05 is not dyadic, so there are no exact ties.
     */
    @Test
    void crossingsMinMatchesExactBinomialQuantilesUpTo600Points() {
        for (int n = 1; n <= 600; n++) {
            int m = n - 1;
            BigInteger total = BigInteger.ONE.shiftLeft(m);
            BigInteger choose = BigInteger.ONE;
            BigInteger cumulative = BigInteger.ZERO;
            int x = 0;
            while (true) {
                cumulative = cumulative.add(choose);
                if (cumulative.multiply(BigInteger.valueOf(20)).compareTo(total) >= 0) {
                    break;
                }
                choose = choose.multiply(BigInteger.valueOf(m - x)).divide(BigInteger.valueOf(x + 1));
                x++;
            }
            assertEquals(x, RunChart.crossingsMin(n), "n=" + n);
        }
    }

    @Test
    void tooFewCrossingsSignal() {
        // 1..10 around the median 5.5: runs of 5 and 5, one crossing < qbinom(0.05, 9, 0.5) = 2.
        RunAnalysis a = RunChart.analyse(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(5.5, a.centre(), 0.0);
        assertEquals(10, a.useful());
        assertEquals(5, a.longestRun());
        assertEquals(6, a.longestRunMax());
        assertEquals(1, a.crossings());
        assertEquals(2, a.crossingsMin());
        assertTrue(a.signal());
    }

    @Test
    void pointsOnTheMedianAndMissingPointsAreDropped() {
        // Median 2; useful points 1 (below), 3 (above): one crossing; 5 observations.
        RunAnalysis a = RunChart.analyse(new double[] {1, 2, 2, Double.NaN, 3});
        assertEquals(2, a.centre(), 0.0);
        assertEquals(5, a.observations());
        assertEquals(2, a.useful());
        assertEquals(1, a.longestRun());
        assertEquals(1, a.crossings());
        assertFalse(a.signal());
    }

    @Test
    void randomLookingSeriesDoesNotSignal() {
        RunAnalysis a = RunChart.analyse(new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4});
        // Median 4.5; sides: −−−− ++ − ++ − +++++ −−− + −  → 9 runs, so 8 crossings; longest run 5.
        assertEquals(4.5, a.centre(), 0.0);
        assertEquals(5, a.longestRun());
        assertEquals(8, a.crossings());
        assertEquals(7, a.longestRunMax());
        assertEquals(6, a.crossingsMin());
        assertFalse(a.signal());
    }

    @Test
    void longRunsAreMarkedSkippingTheCentre() {
        boolean[] f = RunChart.longRuns(new double[] {1, 1, 2, 1, Double.NaN, 3, 1}, 2, 2);
        assertArrayEquals(new boolean[] {true, true, false, true, false, false, false}, f);
    }

    @Test
    void noUsefulPointsNoSignal() {
        RunAnalysis a = RunChart.analyse(new double[] {2, 2, Double.NaN});
        assertEquals(0, a.useful());
        assertFalse(a.signal());
        assertTrue(Double.isNaN(RunChart.median(new double[] {Double.NaN})));
    }
}
