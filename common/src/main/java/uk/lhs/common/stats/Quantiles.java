package uk.lhs.common.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/** Normal and chi-square quantiles with the precision the reference comparisons need (package-private). */
final class Quantiles {
    /**
     * Absolute accuracy of the chi-square inversion. Commons Math defaults to 1e-9, too coarse for exact Poisson limits
     * of 0-2 events at 99.8% (e.g. 0.0010005); 1e-14 keeps their relative error below 1e-10.
     */
    private static final double CHI_SQUARE_INVERSE_ACCURACY = 1e-14;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private Quantiles() {}

    /** R {@code qnorm(p)}: the standard normal quantile. */
    static double normal(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /**
     * R {@code qchisq(p, df)} (lower tail). {@code df = 0} is the point mass at 0, as in R, so it returns 0.
     */
    static double chiSquare(double p, double df) {
        if (df == 0.0) {
            return 0.0;
        }
        // A null random generator: this instance is only inverted, never sampled.
        return new ChiSquaredDistribution(null, df, CHI_SQUARE_INVERSE_ACCURACY).inverseCumulativeProbability(p);
    }

    /** R {@code qt(p, df)}: the quantile of Student's t distribution with {@code df} degrees of freedom. */
    static double studentT(double p, double df) {
        // A null random generator: this instance is only inverted, never sampled.
        return new TDistribution(null, df).inverseCumulativeProbability(p);
    }
}
