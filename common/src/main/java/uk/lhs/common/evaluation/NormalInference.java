package uk.lhs.common.evaluation;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Large-sample (normal) inference for HAC-based estimates, as statsmodels reports for {@code cov_type='HAC'} unless
 * {@code use_t=True}: z = estimate / se, p = 2·Φ(−|z|), interval estimate ± z_{1−α/2}·se.
 */
final class NormalInference {
  private NormalInference() {}

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  /** Two-sided p-value for estimate = 0; NaN when se is not positive. */
  static double pValue(double estimate, double se) {
    return se > 0 ? 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(estimate / se)) : Double.NaN;
  }

  /** The 1 − alpha/2 standard normal quantile. */
  static double quantile(double alpha) {
    return STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
  }
}
