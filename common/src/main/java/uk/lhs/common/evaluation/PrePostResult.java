package uk.lhs.common.evaluation;

/**
 * Before/after comparison of means.
 *
 * @param preMean mean of the pre-period values
 * @param postMean mean of the post-period values
 * @param change postMean − preMean
 * @param ciLower lower limit of the Welch interval for the change
 * @param ciUpper upper limit
 * @param pValue two-sided Welch t-test p-value
 * @param df Welch–Satterthwaite degrees of freedom
 * @param relativeChange change / preMean
 * @param relativeCiLower lower limit for the relative change (delta method)
 * @param relativeCiUpper upper limit for the relative change
 * @param nPre pre-period months
 * @param nPost post-period months
 */
public record PrePostResult(
        double preMean,
        double postMean,
        double change,
        double ciLower,
        double ciUpper,
        double pValue,
        double df,
        double relativeChange,
        double relativeCiLower,
        double relativeCiUpper,
        int nPre,
        int nPost) {}
