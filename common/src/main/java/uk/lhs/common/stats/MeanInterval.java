package uk.lhs.common.stats;

import uk.lhs.common.stats.Estimate.CiMethod;

/**
 * The mean of individual values with Student's t interval, computed from three sums so that it can be aggregated:
 * Σx, Σx² and n add up over trusts, the mean and its interval do not. This is PHEindicatormethods {@code phe_mean}
 * (R/Means.R): value = Σx / n, sd = √((Σx² − (Σx)²/n) / (n − 1)), limits = value ∓ qt((1 + c)/2, n − 1) · sd / √n.
 *
 * <p>For a mean length of stay the values are skewed counts of days; by the central limit theorem the t interval of
 * the mean is still close to nominal for the hundreds of spells a trust discharges a month (it is the interval PHE
 * publishes for means), and it uses the observed variance, so it does not assume Poisson dispersion (a Poisson
 * interval on total bed-days would be far too narrow: LOS variance is many times its mean).
 */
public final class MeanInterval {
    private MeanInterval() {}

    /**
     * The mean and its interval.
     *
     * @param sum Σx
     * @param sumSquares Σx²
     * @param n number of values
     * @param confidence two-sided level in [0.9, 1)
     * @return value and limits (method STUDENT_T); for n = 1 the value without limits (NaN: no variance estimate, PHE
     *     returns NA); no_data for a NaN input, n ≤ 0 or Σx² &lt; (Σx)²/n beyond rounding (inconsistent sums)
     */
    public static Estimate mean(double sum, double sumSquares, double n, double confidence) {
        ConfidenceIntervals.checkConfidence(confidence);
        if (Double.isNaN(sum) || Double.isNaN(sumSquares) || Double.isNaN(n)) {
            return Estimate.noData(confidence, "missing sum, sum of squares or count");
        }
        if (n <= 0) {
            return Estimate.noData(confidence, "zero or negative count");
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, Double.NaN, Double.NaN, confidence, CiMethod.STUDENT_T, "");
        }
        double ss = sumSquares - sum * mean;
        // Σx² − (Σx)²/n loses digits to cancellation; tolerate a relative 1e-9 below zero, read it as 0.
        if (ss < -1e-9 * Math.max(1.0, sumSquares)) {
            return Estimate.noData(confidence, "sum of squares smaller than (sum)^2/n: inconsistent sums");
        }
        double sd = Math.sqrt(Math.max(ss, 0.0) / (n - 1));
        double half = Quantiles.studentT(confidence + (1.0 - confidence) / 2.0, n - 1) * sd / Math.sqrt(n);
        return new Estimate(mean, mean - half, mean + half, confidence, CiMethod.STUDENT_T, "");
    }
}
