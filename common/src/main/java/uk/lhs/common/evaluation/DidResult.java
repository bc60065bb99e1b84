package uk.lhs.common.evaluation;

import java.util.List;

/**
 * Difference-in-differences of the exposed series against the comparator mean.
 *
 * @param comparatorsUsed comparator organisations with a value in every analysed month (their mean is the control)
 * @param estimate (post − pre mean of exposed) − (post − pre mean of comparator mean)
 * @param ciLower lower limit of the interval with Newey–West HAC standard error
 * @param ciUpper upper limit
 * @param pValue two-sided p-value
 * @param preSlopeDifference exposed minus comparator pre-period slope per month
 * @param parallelTrendsP p-value (HAC) for "pre-period slopes are equal"
 * @param hacLag Newey–West lag used for the effect
 * @param nPre pre-period months
 * @param nPost post-period months
 * @param se standard error behind the interval (the interval is estimate ± quantile × se; {@link HacForm})
 */
public record DidResult(
        List<String> comparatorsUsed,
        double estimate,
        double ciLower,
        double ciUpper,
        double pValue,
        double preSlopeDifference,
        double parallelTrendsP,
        int hacLag,
        int nPre,
        int nPost,
        double se) {
    public DidResult {
        comparatorsUsed = List.copyOf(comparatorsUsed);
    }
}
