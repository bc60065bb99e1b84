package uk.lhs.common.indicators;

import java.util.OptionalDouble;
import uk.lhs.common.stats.BandedPercentile;
import uk.lhs.common.stats.ConfidenceIntervals;
import uk.lhs.common.stats.Estimate;
import uk.lhs.common.stats.MeanInterval;

/**
 * The value and 95% interval of one indicator for one organisation and month, from its summed numerator and
 * denominator (and summed weekly bands for percentiles). Pure: the engine applies it to every row at every level.
 */
public final class IndicatorMath {
    /** The interval level of gold.indicator_values (z = 1.96); funnel_points also carries 99.8%. */
    public static final double CONFIDENCE = ConfidenceIntervals.CONFIDENCE_95;

    private IndicatorMath() {}

    /**
     * One evaluated value.
     *
     * @param value the estimate on the indicator's scale, or NaN without data
     * @param lower lower 95% limit, NaN when there is none (percentiles, or Byar's limit below 0)
     * @param upper upper 95% limit, NaN when there is none
     * @param hasData false means status {@code no_data}
     */
    public record Value(double value, double lower, double upper, boolean hasData) {
        static final Value NO_DATA = new Value(Double.NaN, Double.NaN, Double.NaN, false);
    }

    /**
     * Whether summed inputs count as data: a positive denominator (and a numerator unless it is a percentile), or a
     * present numerator for counts. A zero or missing denominator is never data, so it can never show as 0.
     */
    public static boolean hasData(MeasureType type, Double numerator, Double denominator) {
        boolean positiveDenominator = denominator != null && !denominator.isNaN() && denominator > 0;
        boolean presentNumerator = numerator != null && !numerator.isNaN() && numerator >= 0;
        return switch (type) {
            case COUNT -> presentNumerator;
            case PERCENTILE -> positiveDenominator;
            case PROPORTION, RATE, RATIO, MEAN -> presentNumerator && positiveDenominator;
        };
    }

    /**
     * Evaluates an indicator.
     *
     * @param ind the catalog entry (type, multiplier, percentile)
     * @param numerator Σ numerator, or null
     * @param denominator Σ denominator, or null
     * @param bands Σ weekly band counts for percentiles, else ignored (may be null)
     */
    public static Value evaluate(Indicator ind, Double numerator, Double denominator, long[] bands) {
        return evaluate(ind, numerator, denominator, null, bands);
    }

    /**
     * Evaluates an indicator, means included.
     *
     * @param sumSquares Σx² for means (their Student t interval; a mean without it has no interval), else ignored
     */
    public static Value evaluate(Indicator ind, Double numerator, Double denominator, Double sumSquares, long[] bands) {
        if (!hasData(ind.type(), numerator, denominator)) {
            return Value.NO_DATA;
        }
        Estimate e = switch (ind.type()) {
            case PROPORTION -> ConfidenceIntervals.proportion(numerator, denominator, CONFIDENCE, 1.0);
            case COUNT -> ConfidenceIntervals.count(numerator, CONFIDENCE);
            case RATE -> ConfidenceIntervals.rate(numerator, denominator, CONFIDENCE, ind.multiplier());
            // Indirectly standardised ratios: PHE rule, exact Poisson below 10 observed and Byar's from 10 (PHE
            // calculate_ISRatio; NHS OF 3b states Byar's, which is what the rule gives at the counts it publishes).
            case RATIO -> ConfidenceIntervals.ratio(numerator, denominator, CONFIDENCE, ind.multiplier());
            // Means: PHE phe_mean, Student's t from Σx, Σx², n (MeanInterval).
            case MEAN ->
                sumSquares == null
                        ? new Estimate(
                                numerator / denominator, Double.NaN, Double.NaN, CONFIDENCE, Estimate.CiMethod.NONE, "")
                        : MeanInterval.mean(numerator, sumSquares, denominator, CONFIDENCE);
            case PERCENTILE -> null;
        };
        if (e == null) {
            if (bands == null) {
                return Value.NO_DATA;
            }
            // Percentiles from the summed bands, never averaged (BandedPercentile; METHODOLOGY.md "RTT").
            OptionalDouble p = BandedPercentile.percentile(bands, ind.percentile());
            return p.isPresent() ? new Value(p.getAsDouble(), Double.NaN, Double.NaN, true) : Value.NO_DATA;
        }
        return e.hasData() ? new Value(e.value(), e.lower(), e.upper(), true) : Value.NO_DATA;
    }
}
