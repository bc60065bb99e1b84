package uk.lhs.common.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Interrupted time series by segmented regression.
 *
 * <p>Source: Wagner A.K., Soumerai S.B., Zhang F., Ross-Degnan D. (2002) "Segmented regression analysis of
 * interrupted time series studies in medication use research", J Clin Pharm Ther 27:299–309. Model:
 * y_t = b0 + b1·t + b2·post_t + b3·(t − t0)·post_t [+ Σ month-of-year dummies], where t counts months from the first
 * observation, t0 is the first post month and post_t = 1 from t0 on. b2 is the level change (post minus
 * counterfactual at t0) and b3 the slope change. Month-of-year dummies (reference = the earliest calendar month
 * present, as pandas' {@code get_dummies(drop_first=True)}) are added only when there are at least
 * {@link #MIN_PRE_FOR_SEASONAL} pre-period months, so that each month's effect is seen twice before the start.
 * Standard errors are Newey–West HAC (see {@link Ols}); p-values and intervals are normal, or Student t with n − k
 * df under the small-sample correction, exactly as statsmodels reports them.
 */
public final class InterruptedTimeSeries {
    private InterruptedTimeSeries() {}

    /** Two full years of baseline before month-of-year effects are estimated (Bernal, Cummins &amp; Gasparrini 2017). */
    public static final int MIN_PRE_FOR_SEASONAL = 24;

    /** Column index of the level change b2. */
    public static final int LEVEL = 2;

    /** Column index of the slope change b3. */
    public static final int SLOPE_CHANGE = 3;

    /**
     * Builds the design matrix [const, t, post, t_post, month dummies...] and appends the column names to
     * {@code columns}.
     */
    static double[][] design(SeriesWindow w, List<String> columns) {
        boolean seasonal = w.nPre() >= MIN_PRE_FOR_SEASONAL;
        columns.addAll(List.of("const", "t", "post", "t_post"));
        List<Integer> dummyMonths = new ArrayList<>();
        if (seasonal) {
            TreeSet<Integer> present = new TreeSet<>();
            for (var m : w.months()) {
                present.add(m.getMonthValue());
            }
            present.pollFirst();
            for (int m : present) {
                dummyMonths.add(m);
                columns.add("m" + m);
            }
        }
        int n = w.size();
        double[][] x = new double[n][columns.size()];
        for (int i = 0; i < n; i++) {
            double post = w.post()[i] ? 1 : 0;
            x[i][0] = 1;
            x[i][1] = w.t()[i];
            x[i][2] = post;
            x[i][3] = (w.t()[i] - w.t0()) * post;
            for (int d = 0; d < dummyMonths.size(); d++) {
                x[i][4 + d] = w.months()[i].getMonthValue() == dummyMonths.get(d) ? 1 : 0;
            }
        }
        return x;
    }

    /**
     * Fits the segmented regression.
     *
     * @param w the split series (needs ≥ 3 pre and ≥ 2 post points, and more points than coefficients)
     * @param hacLag Newey–West lag, or {@link EvaluationOptions#AUTO_LAG} for the rule of thumb
     * @param alpha two-sided level of the interval
     * @param form HAC inference form (see {@link HacForm})
     * @return the fit
     */
    public static ItsResult fit(SeriesWindow w, int hacLag, double alpha, HacForm form) {
        int nPre = w.nPre();
        int nPost = w.nPost();
        if (nPre < 3 || nPost < 2) {
            throw new IllegalArgumentException(
                    "interrupted time series needs >= 3 pre and >= 2 post months, got " + nPre + " and " + nPost);
        }
        List<String> columns = new ArrayList<>();
        double[][] x = design(w, columns);
        boolean seasonal = columns.size() > 4;
        int n = w.size();
        int lag = hacLag == EvaluationOptions.AUTO_LAG ? Ols.ruleOfThumbLag(n) : hacLag;
        OlsFit fit = Ols.fit(x, w.y(), lag, form);
        double[] se = new double[columns.size()];
        for (int j = 0; j < se.length; j++) {
            se[j] = fit.se(j);
        }
        double b2 = fit.beta()[LEVEL];
        double half = fit.halfWidth(LEVEL, alpha);
        return new ItsResult(
                columns,
                fit.beta(),
                se,
                b2,
                b2 - half,
                b2 + half,
                fit.pValue(LEVEL),
                fit.beta()[SLOPE_CHANGE],
                fit.pValue(SLOPE_CHANGE),
                fit.beta()[1],
                fit.pValue(1),
                seasonal,
                lag,
                fit.df(),
                fit.durbinWatson(),
                fit.lag1Autocorrelation(),
                nPre,
                nPost,
                fit.inferenceSe(LEVEL));
    }
}
