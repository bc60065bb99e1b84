package uk.lhs.common.indicators;

/**
 * How an indicator's value and confidence interval are computed from its summed numerator and denominator. The
 * same rules apply at every level (trust, system, region, England) because each level is a sum of trusts.
 */
public enum MeasureType {
    /** numerator / denominator as a fraction in [0, 1]; Wilson score interval. */
    PROPORTION,
    /** The numerator as a count (no denominator); PHE Poisson interval (exact below 10, Byar from 10). */
    COUNT,
    /** numerator / denominator × multiplier (e.g. per 1,000); PHE Poisson interval of the numerator. */
    RATE,
    /** Observed / expected (× multiplier) for indirectly standardised ratios; Byar's interval (NHS OF 3b). */
    RATIO,
    /**
     * A mean of individual values: numerator Σx / denominator n, with Student's t interval from the summed squares
     * Σx² named by {@code sum_squares} (PHE phe_mean; {@link uk.lhs.common.stats.MeanInterval}).
     */
    MEAN,
    /** A percentile (in weeks) of the summed weekly bands (RTT); no interval: it is published as an estimate. */
    PERCENTILE
}
