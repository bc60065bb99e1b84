package uk.lhs.common.evaluation;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Inference for HAC-based estimates, in one of statsmodels' two forms. With {@code df = +∞}: large-sample normal
 * inference, which statsmodels reports for {@code cov_type='HAC'} by default (z = estimate/se, p = 2·Φ(−|z|)). With
 * finite {@code df = n − k}: Student t, as statsmodels reports with {@code use_t=True} (used together with
 * {@code use_correction=True}, the small-sample setting; see {@link HacForm}).
 */
final class HacInference {
    private HacInference() {}

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** Two-sided p-value for estimate = 0; NaN when se is not positive. */
    static double pValue(double estimate, double se, double df) {
        if (!(se > 0)) {
            return Double.NaN;
        }
        double z = -Math.abs(estimate / se);
        return 2
                * (Double.isInfinite(df)
                        ? STANDARD_NORMAL.cumulativeProbability(z)
                        : new TDistribution(null, df).cumulativeProbability(z));
    }

    /** The 1 − alpha/2 quantile of the reference distribution. */
    static double quantile(double alpha, double df) {
        return Double.isInfinite(df)
                ? STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2)
                : new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
    }

    /** Reference degrees of freedom for a regression with n rows and k columns: n − k, or +∞ (normal). */
    static double df(int n, int k, boolean smallSample) {
        return smallSample ? n - k : Double.POSITIVE_INFINITY;
    }
}
