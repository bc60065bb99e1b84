package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** C-statistic, calibration and Brier score against brute force and closed forms. */
class BinaryFitStatisticsTest {
    /** Against the definition, pair by pair over the individual discharges (ties 1/2). */
    @Test
    void theCStatisticCountsEveryPairWithTiesAsHalf() {
        double[] p = {0.1, 0.2, 0.2, 0.4, 0.1};
        double[] y = {1, 2, 0, 3, 0};
        double[] n = {5, 4, 3, 4, 2};
        double concordant = 0;
        double pairs = 0;
        for (int a = 0; a < p.length; a++) {
            for (int b = 0; b < p.length; b++) {
                double ab = y[a] * (n[b] - y[b]);
                pairs += ab;
                concordant += p[a] > p[b] ? ab : p[a] == p[b] ? ab / 2 : 0;
            }
        }
        assertEquals(concordant / pairs, BinaryFitStatistics.cStatistic(p, y, n), 1e-15);
        // Hand count: events at 0.1 (1), 0.2 (2), 0.4 (3); non-events at 0.1 (4+2), 0.2 (2+3), 0.4 (1).
        // 1 x (6 x 0.5) + 2 x (6 + 5 x 0.5) + 3 x (11 + 0.5) = 3 + 17 + 34.5 = 54.5 over 6 x 12 = 72 pairs.
        assertEquals(54.5 / 72, BinaryFitStatistics.cStatistic(p, y, n), 1e-15);
    }

    /** Outcomes generated exactly from logit P = 0.3 + 0.5 LP: the fit recovers a and b. */
    @Test
    void calibrationRecoversAKnownInterceptAndSlope() {
        double[] lp = {-3, -2, -1, -0.5, 0, 1, 2};
        double[] p = new double[lp.length];
        double[] y = new double[lp.length];
        double[] n = new double[lp.length];
        double[] yOffset = new double[lp.length];
        for (int i = 0; i < lp.length; i++) {
            p[i] = GroupedLogistic.sigmoid(lp[i]);
            n[i] = 1000;
            y[i] = n[i] * GroupedLogistic.sigmoid(0.3 + 0.5 * lp[i]);
            yOffset[i] = n[i] * GroupedLogistic.sigmoid(-0.4 + lp[i]);
        }
        assertEquals(0.5, BinaryFitStatistics.calibrationSlope(p, y, n), 1e-10);
        assertEquals(-0.4, BinaryFitStatistics.calibrationInTheLarge(p, yOffset, n), 1e-10);
    }

    @Test
    void theBrierScoreIsTheMeanSquaredError() {
        double[] p = {0.25, 0.5};
        double[] y = {1, 2};
        double[] n = {4, 2};
        // 1 x 0.75^2 + 3 x 0.25^2 + 2 x 0.5^2 = 0.5625 + 0.1875 + 0.5 = 1.25 over 6
        assertEquals(1.25 / 6, BinaryFitStatistics.brier(p, y, n), 1e-15);
    }
}
