package uk.lhs.common.evaluation.staggered;

/**
 * The placebo pre-test: Wald test that every pre-treatment ATT(g,t) is zero, W = n·a'V⁻¹a against χ² with df = the
 * number of pre-treatment effects (Callaway &amp; Sant'Anna 2021, J Econometrics 225(2), §4; R {@code did::att_gt}'s
 * {@code W}, {@code Wpval}). V is the covariance of the effects' influence functions (R's analytic V); effects with
 * zero variance (the base period's own effect under a universal base) are left out, as R does.
 *
 * @param statistic W, or NaN when there are no pre-treatment effects or their covariance is singular
 * @param df number of restrictions (0 when there is nothing to test)
 * @param pValue 1 − F_χ²(W; df), or NaN
 */
public record PreTest(double statistic, int df, double pValue) {
    /** Nothing to test. */
    static PreTest none(int df) {
        return new PreTest(Double.NaN, df, Double.NaN);
    }
}
