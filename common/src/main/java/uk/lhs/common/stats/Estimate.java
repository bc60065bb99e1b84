package uk.lhs.common.stats;

/**
 * A point estimate with its confidence interval, or {@code no_data}.
 *
 * <p>When {@link #hasData()} is false every number is {@code NaN} (never 0) and {@link #reason()} says why, e.g.
 * "zero denominator". A lower limit can be {@code NaN} on its own only from {@link ConfidenceIntervals#byarLower}
 * when Byar's approximation goes negative (PHE returns NA there).
 *
 * @param value the estimate, already multiplied by the multiplier (e.g. 100 for a percentage)
 * @param lower lower confidence limit on the same scale
 * @param upper upper confidence limit on the same scale
 * @param confidence the two-sided confidence level, e.g. 0.95 or 0.998
 * @param method how the interval was computed; {@link CiMethod#NONE} when there is no data
 * @param reason empty when there is data, otherwise the reason there is none
 */
public record Estimate(double value, double lower, double upper, double confidence, CiMethod method, String reason) {

    /** The interval methods used by {@link ConfidenceIntervals}. */
    public enum CiMethod {
        /** Wilson score interval for a proportion. */
        WILSON,
        /** Byar's approximation to the Poisson interval. */
        BYAR,
        /** Exact Poisson interval from chi-square quantiles. */
        EXACT,
        /** Student's t interval of a mean (PHE phe_mean). */
        STUDENT_T,
        /** No interval: there is no data. */
        NONE
    }

    /** Whether this estimate carries a value (false means {@code no_data}). */
    public boolean hasData() {
        return reason.isEmpty();
    }

    /** A {@code no_data} estimate: NaN everywhere, with the reason. */
    public static Estimate noData(double confidence, String reason) {
        return new Estimate(Double.NaN, Double.NaN, Double.NaN, confidence, CiMethod.NONE, reason);
    }
}
