package uk.lhs.common.evaluation;

import java.util.List;

/**
 * Synthetic-control fit and placebo inference.
 *
 * @param donors donor organisation codes, in weight order
 * @param weights non-negative donor weights summing to 1
 * @param intercept constant added to the weighted donors (the pre-period mean gap when demeaned, else 0)
 * @param estimate mean post-period gap, exposed minus synthetic (indicator units)
 * @param ciLower lower limit of the approximate interval (Newey–West HAC on the gap series)
 * @param ciUpper upper limit
 * @param hacP HAC p-value for the gap shift
 * @param placeboP placebo-in-space rank p-value: share of units (exposed + donors) whose post/pre RMSPE ratio is at
 *     least the exposed one's; its smallest possible value is 1/(donors + 1)
 * @param preRmspe root mean squared gap over the pre-period
 * @param postRmspe root mean squared gap over the post-period
 * @param rmspeRatio postRmspe / preRmspe
 * @param demeaned whether weights were fitted to demeaned series
 * @param nPre pre-period months
 * @param nPost post-period months
 * @param se standard error behind the interval (the interval is estimate ± quantile × se; {@link HacForm})
 */
public record SyntheticControlResult(
        List<String> donors,
        double[] weights,
        double intercept,
        double estimate,
        double ciLower,
        double ciUpper,
        double hacP,
        double placeboP,
        double preRmspe,
        double postRmspe,
        double rmspeRatio,
        boolean demeaned,
        int nPre,
        int nPost,
        double se) {
    public SyntheticControlResult {
        donors = List.copyOf(donors);
    }
}
