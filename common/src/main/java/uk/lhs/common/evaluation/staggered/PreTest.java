package uk.lhs.common.evaluation.staggered;

/**
 * The placebo pre-test that every pre-treatment ATT(g,t) (g &gt; t) is zero.
 *
 * <p>{@link #WALD}: W = n·a'V⁻¹a against χ² with df = the number of pre-treatment effects (Callaway &amp; Sant'Anna
 * 2021, J Econometrics 225(2); R {@code did::att_gt}'s {@code W}, {@code Wpval}). V is the covariance of the
 * effects' influence functions (R's analytic V); effects with zero variance (the base period's own effect under a
 * universal base) are left out, as R does.
 *
 * <p>{@link #SUP_T}: when V is singular — as soon as a cohort has more pre-treatment periods than units, common with
 * monthly data — R returns no statistic. Here the same hypothesis is then tested with the bootstrap already drawn:
 * statistic max_k |a_k|/se_k over the pre-treatment effects, p-value the share of bootstrap draws of
 * max_k |draw_k/σ_k| at least as large (the sup-t statistic behind the simultaneous bands; Montiel Olea &amp;
 * Plagborg-Møller 2019, J Applied Econometrics 34(1)); df is still the number of effects.
 *
 * @param statistic W or the sup-t statistic; NaN when there are no pre-treatment effects
 * @param df number of pre-treatment effects tested (0 when there is nothing to test)
 * @param pValue the p-value, or NaN
 * @param method {@link #WALD}, {@link #SUP_T} or {@link #NONE}
 */
public record PreTest(double statistic, int df, double pValue, String method) {
    /** Wald χ² test with the influence-function covariance (R did). */
    public static final String WALD = "wald";
    /** Bootstrap sup-t test, used when the Wald covariance is singular. */
    public static final String SUP_T = "sup_t";
    /** Nothing to test. */
    public static final String NONE = "none";

    /** Nothing to test. */
    static PreTest none() {
        return new PreTest(Double.NaN, 0, Double.NaN, NONE);
    }
}
