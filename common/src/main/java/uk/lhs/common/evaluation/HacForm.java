package uk.lhs.common.evaluation;

/**
 * Which form of the Newey–West (HAC) inference the regressions use.
 *
 * <ul>
 *   <li>{@link #PLAIN}: statsmodels' {@code cov_type='HAC'} default — no small-sample factor, normal reference.
 *   <li>{@link #SMALL_SAMPLE}: covariance × n/(n−k) and Student t with n−k df (statsmodels
 *       {@code cov_kwds={'maxlags': L, 'use_correction': True}, use_t=True}).
 *   <li>{@link #CONSERVATIVE} (default): {@link #SMALL_SAMPLE}, but each standard error used for intervals and
 *       p-values is the larger of the HAC one and the conventional OLS one, s·√((X'X)⁻¹)_jj with s² = RSS/(n−k).
 *       Newey–West standard errors are biased downwards in short series (Kiefer &amp; Vogelsang 2005, Econometric
 *       Theory 21:1130–1164): the residuals of a fitted trend and 11 month dummies are negatively correlated, which
 *       shrinks the kernel's lag terms. Taking the maximum of the conventional and the robust standard error is the
 *       guard Angrist &amp; Pischke recommend against that small-sample bias (Mostly Harmless Econometrics, 2009,
 *       §8.1). The HAC standard error itself is still what the tables report.
 * </ul>
 */
public enum HacForm {
    /** Plain statsmodels HAC: no factor, normal inference. */
    PLAIN,
    /** HAC × n/(n−k), Student t inference. */
    SMALL_SAMPLE,
    /** {@link #SMALL_SAMPLE} with max(HAC, conventional) standard errors for inference. */
    CONSERVATIVE;

    /** Whether the n/(n−k) factor and t inference apply. */
    public boolean smallSample() {
        return this != PLAIN;
    }
}
