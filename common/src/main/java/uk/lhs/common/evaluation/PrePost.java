package uk.lhs.common.evaluation;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Pre/post comparison of means with Welch's unequal-variance t interval.
 *
 * <p>Source: Welch B.L. (1947) Biometrika 34:28–35; Satterthwaite F.E. (1946) degrees of freedom. The relative
 * change (post/pre − 1) gets a first-order delta-method interval, var(m₂/m₁) ≈ (m₂/m₁)²·(v₂/m₂² + v₁/m₁²) with
 * v = s²/n (Casella &amp; Berger, Statistical Inference, 2nd ed., §5.5.4), using the same Welch t quantile. The test
 * treats months as independent, which monthly NHS series rarely are; the caveats say so.
 */
public final class PrePost {
    private PrePost() {}

    /**
     * Compares the means of the two sides.
     *
     * @param pre pre-period values (at least 2)
     * @param post post-period values (at least 2)
     * @param alpha two-sided level of the interval
     * @return the comparison; interval and p-value are NaN when both sides have zero variance
     */
    public static PrePostResult compare(double[] pre, double[] post, double alpha) {
        if (pre.length < 2 || post.length < 2) {
            throw new IllegalArgumentException(
                    "pre/post comparison needs at least 2 months each side, got " + pre.length + " and " + post.length);
        }
        double m1 = StatUtils.mean(pre);
        double m2 = StatUtils.mean(post);
        double v1 = StatUtils.variance(pre) / pre.length;
        double v2 = StatUtils.variance(post) / post.length;
        double change = m2 - m1;
        double se = Math.sqrt(v1 + v2);
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (pre.length - 1) + v2 * v2 / (post.length - 1));
        double rel = m1 == 0 ? Double.NaN : change / m1;
        if (!(se > 0)) {
            return new PrePostResult(
                    m1,
                    m2,
                    change,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    rel,
                    Double.NaN,
                    Double.NaN,
                    pre.length,
                    post.length);
        }
        TDistribution t = new TDistribution(null, df);
        double q = t.inverseCumulativeProbability(1 - alpha / 2);
        double p = 2 * t.cumulativeProbability(-Math.abs(change / se));
        double relSe = m1 == 0 || m2 == 0 ? Double.NaN : Math.abs(m2 / m1) * Math.sqrt(v2 / (m2 * m2) + v1 / (m1 * m1));
        return new PrePostResult(
                m1,
                m2,
                change,
                change - q * se,
                change + q * se,
                p,
                df,
                rel,
                rel - q * relSe,
                rel + q * relSe,
                pre.length,
                post.length);
    }
}
