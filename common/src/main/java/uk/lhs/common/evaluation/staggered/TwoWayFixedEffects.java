package uk.lhs.common.evaluation.staggered;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The static two-way fixed effects regression y_it = α_i + λ_t + β·D_it + ε_it, D_it = 1{g_i &gt; 0 and t ≥ g_i}, on a
 * balanced panel, with a cluster-robust standard error by unit.
 *
 * <p>On a balanced panel the two-way within transformation x̃_it = x_it − x̄_i − x̄_t + x̄ removes both sets of
 * effects exactly (Frisch–Waugh–Lovell), so β = Σ D̃ỹ / Σ D̃² and the residuals are ỹ − β·D̃. Variance:
 * c·Σ_i (Σ_t D̃_it e_it)² / (Σ D̃²)² with c = G/(G−1)·(N−1)/(N−K), G units, N = G·T observations and K = T + 1
 * (β, T−1 period effects and the constant; the unit effects, nested in the clusters, are not counted), as Stata's
 * {@code xtreg, fe vce(cluster)}; the interval uses Student t with G−1 degrees of freedom (Cameron &amp; Miller 2015,
 * J Human Resources 50(2) §II.C). Under staggered adoption with heterogeneous effects β is a variance-weighted
 * average of 2×2 comparisons, some with already-treated units as controls (Goodman-Bacon 2021, J Econometrics
 * 225(2):254–277, Theorem 1).
 */
final class TwoWayFixedEffects {
    private TwoWayFixedEffects() {}

    static Twfe fit(BalancedPanel p) {
        int g = p.n();
        int nT = p.periods().length;
        double[][] d = new double[g][nT];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < nT; j++) {
                d[i][j] = p.group()[i] > 0 && p.periods()[j] >= p.group()[i] ? 1.0 : 0.0;
            }
        }
        double[][] dt = demean(d);
        double[][] yt = demean(p.y());
        double sdd = 0;
        double sdy = 0;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < nT; j++) {
                sdd += dt[i][j] * dt[i][j];
                sdy += dt[i][j] * yt[i][j];
            }
        }
        if (!(sdd > 1e-12) || g < 2) {
            return new Twfe(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double beta = sdy / sdd;
        double meat = 0;
        for (int i = 0; i < g; i++) {
            double score = 0;
            for (int j = 0; j < nT; j++) {
                score += dt[i][j] * (yt[i][j] - beta * dt[i][j]);
            }
            meat += score * score;
        }
        long obs = (long) g * nT;
        int k = nT + 1;
        double c = (double) g / (g - 1) * (obs - 1) / (obs - k);
        double se = Math.sqrt(c * meat) / sdd;
        double t = new TDistribution(null, g - 1).inverseCumulativeProbability(0.975);
        return new Twfe(beta, se, beta - t * se, beta + t * se);
    }

    /** x_it − x̄_i − x̄_t + x̄ (exact two-way demeaning of a balanced panel). */
    private static double[][] demean(double[][] x) {
        int g = x.length;
        int nT = x[0].length;
        double[] rowMean = new double[g];
        double[] colMean = new double[nT];
        double all = 0;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < nT; j++) {
                rowMean[i] += x[i][j] / nT;
                colMean[j] += x[i][j] / g;
                all += x[i][j] / ((double) g * nT);
            }
        }
        double[][] out = new double[g][nT];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < nT; j++) {
                out[i][j] = x[i][j] - rowMean[i] - colMean[j] + all;
            }
        }
        return out;
    }
}
