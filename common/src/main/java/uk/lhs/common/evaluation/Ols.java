package uk.lhs.common.evaluation;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Ordinary least squares with Newey–West heteroskedasticity- and autocorrelation-consistent (HAC) covariance.
 *
 * <p>Source: Newey W.K. &amp; West K.D. (1987) "A simple, positive semi-definite, heteroskedasticity and
 * autocorrelation consistent covariance matrix", Econometrica 55(3):703–708. The computation is exactly that of
 * statsmodels {@code OLS(y, X).fit(cov_type='HAC', cov_kwds={'maxlags': L})} (sandwich_covariance.cov_hac_simple):
 * Bartlett weights w_j = 1 − j/(L+1), S = Σ_t u_t u_t' + Σ_{j=1..L} w_j Σ_t (u_t u_{t−j}' + u_{t−j} u_t') with
 * u_t = x_t·e_t, cov = (X'X)⁻¹ S (X'X)⁻¹, times n/(n−k) only when the small-sample correction is asked for
 * (statsmodels' {@code use_correction}, which defaults to False on the {@code cov_type='HAC'} path — verified in
 * statsmodels 0.13.5 {@code get_robustcov_results}). Rows are taken as consecutive, equally spaced periods.
 */
public final class Ols {
    private Ols() {}

    /**
     * Newey–West (1994) rule-of-thumb lag, floor(4·(n/100)^(2/9)), the default of statsmodels' S_hac_simple.
     *
     * @param n number of observations
     * @return the lag L ≥ 0
     */
    public static int ruleOfThumbLag(int n) {
        return (int) Math.floor(NW_RULE_SCALE * Math.pow(n / 100.0, NW_RULE_EXPONENT));
    }

    /** Newey &amp; West (1994) rule-of-thumb constants: L = floor(4·(n/100)^(2/9)). */
    private static final double NW_RULE_SCALE = 4.0;

    private static final double NW_RULE_EXPONENT = 2.0 / 9.0;

    /**
     * Fits y = Xβ + e by least squares (Householder QR) and returns β with its Newey–West covariance.
     *
     * @param x design matrix, n rows × k columns (include a column of ones for an intercept)
     * @param y response, length n
     * @param hacLag Bartlett truncation lag L ≥ 0
     * @param form inference form: {@link HacForm#PLAIN} is statsmodels' default; the others multiply the covariance
     *     by n/(n−k) (statsmodels {@code use_correction=True}) and use Student t
     * @return the fit
     * @throws IllegalArgumentException if the shapes disagree, n ≤ k, or the columns are collinear
     */
    public static OlsFit fit(double[][] x, double[] y, int hacLag, HacForm form) {
        return fit(x, y, hacLag, form, 0);
    }

    /**
     * As {@link #fit(double[][], double[], int, HacForm)}, counting {@code extraParameters} more fitted parameters in
     * the small-sample factor n/(n−k) and the t degrees of freedom: for a regression on a series that was itself built
     * from estimated quantities (e.g. synthetic-control weights fitted on the same months).
     */
    static OlsFit fit(double[][] x, double[] y, int hacLag, HacForm form, int extraParameters) {
        int n = y.length;
        if (x.length != n || n == 0) {
            throw new IllegalArgumentException("design has " + x.length + " rows but y has " + n + " values");
        }
        int k = x[0].length;
        if (n <= k) {
            throw new IllegalArgumentException(
                    "need more observations (" + n + ") than coefficients (" + k + ") to fit a regression");
        }
        if (hacLag < 0) {
            throw new IllegalArgumentException("HAC lag must be >= 0, got " + hacLag);
        }
        RealMatrix xm = new Array2DRowRealMatrix(x, true);
        RealMatrix xtxInv;
        double[] beta;
        try {
            beta = new QRDecomposition(xm, 1e-12)
                    .getSolver()
                    .solve(new ArrayRealVector(y, true))
                    .toArray();
            xtxInv =
                    new LUDecomposition(xm.transpose().multiply(xm)).getSolver().getInverse();
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException(
                    "regression columns are collinear (e.g. no points on one side of the start, or a constant column)",
                    e);
        }
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int j = 0; j < k; j++) {
                fitted += x[i][j] * beta[j];
            }
            resid[i] = y[i] - fitted;
        }
        double[][] s = new double[k][k];
        for (int lag = 0; lag <= Math.min(hacLag, n - 1); lag++) {
            double w = 1.0 - lag / (hacLag + 1.0);
            for (int t = lag; t < n; t++) {
                double et = resid[t];
                double es = resid[t - lag];
                for (int a = 0; a < k; a++) {
                    double ua = x[t][a] * et;
                    for (int b = 0; b < k; b++) {
                        double cross = ua * x[t - lag][b] * es;
                        s[a][b] += w * cross;
                        if (lag > 0) {
                            s[b][a] += w * cross;
                        }
                    }
                }
            }
        }
        RealMatrix cov = xtxInv.multiply(new Array2DRowRealMatrix(s, false)).multiply(xtxInv.transpose());
        int kEff = k + extraParameters;
        if (form.smallSample()) {
            if (n <= kEff) {
                throw new IllegalArgumentException(
                        "need more observations (" + n + ") than fitted parameters (" + kEff + ")");
            }
            cov = cov.scalarMultiply(n / (double) (n - kEff));
        }
        double rss = 0;
        for (double e : resid) {
            rss += e * e;
        }
        RealMatrix conventional = xtxInv.scalarMultiply(n > kEff ? rss / (n - kEff) : Double.NaN);
        return new OlsFit(
                beta,
                resid,
                cov.getData(),
                conventional.getData(),
                form,
                hacLag,
                HacInference.df(n, kEff, form.smallSample()),
                durbinWatson(resid),
                lag1Autocorrelation(resid));
    }

    /** Durbin &amp; Watson (1950) statistic Σ(e_t − e_{t−1})² / Σe_t² (statsmodels.stats.stattools.durbin_watson). */
    static double durbinWatson(double[] e) {
        double num = 0;
        double den = 0;
        for (int t = 0; t < e.length; t++) {
            den += e[t] * e[t];
            if (t > 0) {
                num += (e[t] - e[t - 1]) * (e[t] - e[t - 1]);
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** Sample autocorrelation at lag 1 about the mean (Box &amp; Jenkins; statsmodels.tsa.stattools.acf). */
    static double lag1Autocorrelation(double[] e) {
        double mean = 0;
        for (double v : e) {
            mean += v;
        }
        mean /= e.length;
        double num = 0;
        double den = 0;
        for (int t = 0; t < e.length; t++) {
            den += (e[t] - mean) * (e[t] - mean);
            if (t > 0) {
                num += (e[t] - mean) * (e[t - 1] - mean);
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }
}
