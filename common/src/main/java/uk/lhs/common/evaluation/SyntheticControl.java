package uk.lhs.common.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic control with placebo-in-space inference.
 *
 * <p>Source: Abadie A., Diamond A. &amp; Hainmueller J. (2010) "Synthetic control methods for comparative case
 * studies", JASA 105:493–505. Donor weights w ≥ 0, Σw = 1 minimise the pre-period squared gap between the exposed
 * series and Σ w_j·donor_j (outcome-only matching, solved exactly by {@link SimplexLeastSquares}). With
 * {@code demeaned = true} the series are first centred on their pre-period means, i.e. the synthetic series may sit
 * at a constant offset from the exposed one (the "demeaned" estimator of Doudchenko &amp; Imbens 2016 and Ferman &amp;
 * Pinto 2021), which keeps an organisation whose level lies outside its donors' range from being fitted badly.
 * Inference: (a) placebo-in-space — every donor is treated as exposed in turn (fitted on the other donors) and the
 * rank of the exposed unit's post/pre RMSPE ratio gives the p-value (Abadie et al. 2010 §2.4); (b) an approximate
 * interval from Newey–West HAC standard errors of the gap series regressed on [1, post], where under the small-sample
 * correction the free donor weights count as fitted parameters (it otherwise ignores the uncertainty in the weights,
 * so it is only indicative).
 */
public final class SyntheticControl {
    private SyntheticControl() {}

    /**
     * Fits the synthetic control.
     *
     * @param exposed the exposed window
     * @param panel donors aligned to it (at least 2, so that each placebo has a donor pool)
     * @param demeaned fit on pre-period-demeaned series (see class comment)
     * @param hacLag Newey–West lag, or {@link EvaluationOptions#AUTO_LAG}
     * @param alpha two-sided level of the interval
     * @param form HAC inference form (see {@link HacForm})
     * @return the fit
     */
    public static SyntheticControlResult fit(
            SeriesWindow exposed, ComparatorPanel panel, boolean demeaned, int hacLag, double alpha, HacForm form) {
        if (panel.size() < 2) {
            throw new IllegalArgumentException(
                    "synthetic control needs at least 2 complete donors, got " + panel.size());
        }
        if (exposed.nPre() < 2 || exposed.nPost() < 1) {
            throw new IllegalArgumentException("synthetic control needs >= 2 pre and >= 1 post months");
        }
        boolean[] post = exposed.post();
        Fit main = fitOne(exposed.y(), panel.values(), post, demeaned);
        double placeboAtLeast = 1;
        for (int d = 0; d < panel.size(); d++) {
            double[][] pool = new double[panel.size() - 1][];
            int k = 0;
            for (int e = 0; e < panel.size(); e++) {
                if (e != d) {
                    pool[k++] = panel.values()[e];
                }
            }
            Fit placebo = fitOne(panel.values()[d], pool, post, demeaned);
            if (placebo.ratio() >= main.ratio()) {
                placeboAtLeast++;
            }
        }
        int n = exposed.size();
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            x[i][1] = post[i] ? 1 : 0;
        }
        int lag = hacLag == EvaluationOptions.AUTO_LAG ? Ols.ruleOfThumbLag(n) : hacLag;
        // The free donor weights (positive ones, less one for Σw = 1) were fitted on these months too: count them in
        // the small-sample factor and t degrees of freedom.
        int freeWeights = -1;
        for (double v : main.weights()) {
            freeWeights += v > 0 ? 1 : 0;
        }
        OlsFit gapFit = Ols.fit(x, main.gap(), lag, form, Math.max(0, freeWeights));
        double half = gapFit.halfWidth(1, alpha);
        double est = main.postMeanGap();
        return new SyntheticControlResult(
                panel.codes(),
                main.weights(),
                main.intercept(),
                est,
                est - half,
                est + half,
                gapFit.pValue(1),
                placeboAtLeast / (panel.size() + 1),
                main.preRmspe(),
                main.postRmspe(),
                main.ratio(),
                demeaned,
                exposed.nPre(),
                exposed.nPost(),
                gapFit.inferenceSe(1));
    }

    /** One synthetic-control fit: weights, intercept and the gap y − (intercept + Σw·donor) at every position. */
    private record Fit(
            double[] weights, double intercept, double[] gap, double preRmspe, double postRmspe, double postMeanGap) {
        double ratio() {
            return preRmspe > 0 ? postRmspe / preRmspe : (postRmspe > 0 ? Double.POSITIVE_INFINITY : 1);
        }
    }

    private static Fit fitOne(double[] y, double[][] donors, boolean[] post, boolean demeaned) {
        List<Integer> pre = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (!post[i]) {
                pre.add(i);
            }
        }
        int j = donors.length;
        double yMean = 0;
        double[] dMean = new double[j];
        if (demeaned) {
            for (int i : pre) {
                yMean += y[i] / pre.size();
                for (int d = 0; d < j; d++) {
                    dMean[d] += donors[d][i] / pre.size();
                }
            }
        }
        double[][] a = new double[pre.size()][j];
        double[] b = new double[pre.size()];
        for (int r = 0; r < pre.size(); r++) {
            int i = pre.get(r);
            b[r] = y[i] - yMean;
            for (int d = 0; d < j; d++) {
                a[r][d] = donors[d][i] - dMean[d];
            }
        }
        double[] w = SimplexLeastSquares.solve(a, b);
        double intercept = yMean;
        for (int d = 0; d < j; d++) {
            intercept -= w[d] * dMean[d];
        }
        double[] gap = new double[y.length];
        double preSs = 0;
        double postSs = 0;
        double postSum = 0;
        int nPost = 0;
        for (int i = 0; i < y.length; i++) {
            double synthetic = intercept;
            for (int d = 0; d < j; d++) {
                synthetic += w[d] * donors[d][i];
            }
            gap[i] = y[i] - synthetic;
            if (post[i]) {
                postSs += gap[i] * gap[i];
                postSum += gap[i];
                nPost++;
            } else {
                preSs += gap[i] * gap[i];
            }
        }
        return new Fit(w, intercept, gap, Math.sqrt(preSs / pre.size()), Math.sqrt(postSs / nPost), postSum / nPost);
    }
}
