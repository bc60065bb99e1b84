package uk.lhs.common.evaluation;

/**
 * An ordinary-least-squares fit with Newey–West (HAC) covariance.
 *
 * @param beta coefficients, in the column order of the design matrix
 * @param residuals y − Xβ, in row order
 * @param cov HAC covariance matrix of {@code beta} (k × k)
 * @param conventionalCov conventional OLS covariance s²(X'X)⁻¹, s² = RSS/(n − k)
 * @param form the inference form; {@link HacForm#CONSERVATIVE} uses max(HAC, conventional) standard errors
 * @param hacLag the Bartlett truncation lag L used (0 = White's heteroskedasticity-robust covariance)
 * @param df reference degrees of freedom for inference: n − k with the small-sample correction, else +∞ (normal)
 * @param durbinWatson Σ(e_t − e_{t−1})² / Σe_t² over consecutive rows
 * @param lag1Autocorrelation Σe_t·e_{t−1} / Σe_t² (the residual ACF at lag 1)
 */
public record OlsFit(
        double[] beta,
        double[] residuals,
        double[][] cov,
        double[][] conventionalCov,
        HacForm form,
        int hacLag,
        double df,
        double durbinWatson,
        double lag1Autocorrelation) {

    /** HAC standard error of coefficient {@code j}. */
    public double se(int j) {
        return Math.sqrt(cov[j][j]);
    }

    /** Conventional OLS standard error of coefficient {@code j}. */
    public double conventionalSe(int j) {
        return Math.sqrt(conventionalCov[j][j]);
    }

    /** The standard error inference uses: the HAC one, or under {@link HacForm#CONSERVATIVE} the larger of the two. */
    public double inferenceSe(int j) {
        return form == HacForm.CONSERVATIVE ? Math.max(se(j), conventionalSe(j)) : se(j);
    }

    /** Two-sided p-value for coefficient {@code j} = 0. */
    public double pValue(int j) {
        return HacInference.pValue(beta[j], inferenceSe(j), df);
    }

    /** Half-width of the 100·(1−alpha)% interval for coefficient {@code j}. */
    public double halfWidth(int j, double alpha) {
        return HacInference.quantile(alpha, df) * inferenceSe(j);
    }

    /** Number of observations. */
    public int n() {
        return residuals.length;
    }
}
