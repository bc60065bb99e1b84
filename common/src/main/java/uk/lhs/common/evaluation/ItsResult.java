package uk.lhs.common.evaluation;

import java.util.List;

/**
 * Segmented-regression (interrupted time series) fit.
 *
 * @param columns design column names: const, t, post, t_post, then m2..m12 month-of-year dummies when used
 * @param coefficients OLS coefficients in column order
 * @param standardErrors Newey–West HAC standard errors in column order
 * @param levelChange b2: post minus counterfactual at the first post month, in the indicator's units
 * @param levelCiLower lower limit of the HAC interval for the level change
 * @param levelCiUpper upper limit
 * @param levelP two-sided p-value for the level change
 * @param slopeChange b3: change in monthly slope after the start
 * @param slopeP p-value for the slope change
 * @param preSlope b1: monthly slope before the start
 * @param preSlopeP p-value for the pre-period slope
 * @param seasonal whether month-of-year dummies were included
 * @param hacLag Newey–West lag used
 * @param df reference degrees of freedom (n − k with the small-sample correction, else +∞ = normal)
 * @param durbinWatson Durbin–Watson statistic of the residuals
 * @param lag1Autocorrelation lag-1 autocorrelation of the residuals
 * @param nPre pre-period months
 * @param nPost post-period months
 * @param levelSe standard error behind the level-change interval (level change ± quantile × levelSe; {@link HacForm})
 */
public record ItsResult(
        List<String> columns,
        double[] coefficients,
        double[] standardErrors,
        double levelChange,
        double levelCiLower,
        double levelCiUpper,
        double levelP,
        double slopeChange,
        double slopeP,
        double preSlope,
        double preSlopeP,
        boolean seasonal,
        int hacLag,
        double df,
        double durbinWatson,
        double lag1Autocorrelation,
        int nPre,
        int nPost,
        double levelSe) {
    public ItsResult {
        columns = List.copyOf(columns);
    }
}
