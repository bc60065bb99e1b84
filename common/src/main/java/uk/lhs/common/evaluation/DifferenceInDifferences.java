package uk.lhs.common.evaluation;

/**
 * Difference-in-differences against the mean of the comparators, with a pre-period parallel-trends test.
 *
 * <p>Method: with one exposed unit and a comparator mean, the 2×2 DiD equals the post coefficient in the regression
 * of the gap series d_t = y_t − c̄_t on [1, post_t] (Angrist &amp; Pischke 2009, Mostly Harmless Econometrics §5.2).
 * Fitting the gap as one time series lets its serial correlation be handled by Newey–West HAC standard errors, as
 * Bertrand, Duflo &amp; Mullainathan (2004, QJE 119:249–275) show is needed; cluster-robust errors are not usable with
 * a single exposed cluster. Parallel trends: the slope of d_t on t in the pre-period equals the difference in the
 * pre-period slopes of exposed and control; its HAC p-value tests "slopes equal".
 */
public final class DifferenceInDifferences {
    private DifferenceInDifferences() {}

    /**
     * Estimates the DiD effect.
     *
     * @param exposed the exposed window
     * @param panel comparators aligned to it (at least one)
     * @param hacLag Newey–West lag, or {@link EvaluationOptions#AUTO_LAG}
     * @param alpha two-sided level of the interval
     * @param form HAC inference form (see {@link HacForm})
     * @return the estimate (parallel-trends p is NaN with fewer than 4 pre-period months)
     */
    public static DidResult estimate(
            SeriesWindow exposed, ComparatorPanel panel, int hacLag, double alpha, HacForm form) {
        if (panel.size() == 0) {
            throw new IllegalArgumentException("difference-in-differences needs at least one complete comparator");
        }
        int nPre = exposed.nPre();
        int nPost = exposed.nPost();
        if (nPre < 2 || nPost < 1) {
            throw new IllegalArgumentException("difference-in-differences needs >= 2 pre and >= 1 post months");
        }
        double[] control = panel.mean();
        int n = exposed.size();
        double[] gap = new double[n];
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            gap[i] = exposed.y()[i] - control[i];
            x[i][0] = 1;
            x[i][1] = exposed.post()[i] ? 1 : 0;
        }
        int lag = hacLag == EvaluationOptions.AUTO_LAG ? Ols.ruleOfThumbLag(n) : hacLag;
        OlsFit fit = Ols.fit(x, gap, lag, form);
        double est = fit.beta()[1];
        double half = fit.halfWidth(1, alpha);

        double slopeDiff = Double.NaN;
        double parallelP = Double.NaN;
        if (nPre >= 4) {
            double[][] xp = new double[nPre][2];
            double[] dp = new double[nPre];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!exposed.post()[i]) {
                    xp[k][0] = 1;
                    xp[k][1] = exposed.t()[i];
                    dp[k++] = gap[i];
                }
            }
            int preLag = hacLag == EvaluationOptions.AUTO_LAG ? Ols.ruleOfThumbLag(nPre) : hacLag;
            OlsFit trend = Ols.fit(xp, dp, preLag, form);
            slopeDiff = trend.beta()[1];
            parallelP = trend.pValue(1);
        }
        return new DidResult(
                panel.codes(),
                est,
                est - half,
                est + half,
                fit.pValue(1),
                slopeDiff,
                parallelP,
                lag,
                nPre,
                nPost,
                fit.inferenceSe(1));
    }
}
