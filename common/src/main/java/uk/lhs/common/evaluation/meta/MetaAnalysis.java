package uk.lhs.common.evaluation.meta;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Inverse-variance meta-analysis of k estimates with known standard errors: the normal–normal model
 * y<sub>i</sub> ~ N(θ<sub>i</sub>, v<sub>i</sub>), θ<sub>i</sub> ~ N(μ, τ²), pooled with weights
 * 1/(v<sub>i</sub> + τ²).
 *
 * <p>Sources, one per step:
 *
 * <ul>
 *   <li>Fixed effect and the pooled estimate for a given τ²: inverse-variance weighting (Borenstein, Hedges, Higgins
 *       &amp; Rothstein 2009, <i>Introduction to Meta-Analysis</i>, ch. 11–12).
 *   <li>Cochran's Q with FE weights and its χ²<sub>k−1</sub> p-value (Cochran 1954, Biometrics 10:101–129).
 *   <li>DerSimonian &amp; Laird (1986, Control Clin Trials 7:177–188): τ² = max(0, (Q − (k−1)) / (Σw − Σw²/Σw)).
 *   <li>REML: Fisher scoring τ² ← τ² + (y'PPy − tr P) / tr(PP), truncated at 0 (Viechtbauer 2005, J Educ Behav Stat
 *       30:261–293; as metafor's rma(method="REML")), started at the DL value, iterated until the step is below
 *       10⁻¹⁰ of (τ² + mean v). It falls back to DL, recorded in {@link MetaResult#fellBack}, when it does not
 *       converge within {@value #MAX_ITERATIONS} steps.
 *   <li>Paule &amp; Mandel (1982, J Res Natl Bur Stand 87:377–385): the τ² at which the generalised Q, Σw*(y − μ*)²,
 *       equals k − 1 (0 when Q ≤ k − 1), found by Brent's method (the generalised Q decreases in τ²).
 *   <li>Hartung–Knapp–Sidik–Jonkman (Hartung &amp; Knapp 2001, Stat Med 20:3875–3889; Sidik &amp; Jonkman 2002;
 *       IntHout, Ioannidis &amp; Borm 2014, BMC Med Res Methodol 14:25): se² = Σw*(y − μ)² / ((k−1)·Σw*), interval
 *       μ ± t<sub>k−1</sub>·se, without the ad-hoc max(1, ·) truncation (metafor's test="knha").
 *   <li>Prediction interval for a new site's effect: μ ± t<sub>k−2</sub>·√(τ² + se²) (Higgins, Thompson &amp;
 *       Spiegelhalter 2009, J R Stat Soc A 172:137–159; Borenstein et al. 2009 §17). We use their t<sub>k−2</sub>
 *       (two parameters estimated) rather than metafor's normal quantile, so it is NaN for k &lt; 3; se is the
 *       interval's own (Hartung–Knapp when chosen).
 *   <li>I² = 100·τ²/(τ² + s²), s² = (k−1)·Σw / ((Σw)² − Σw²), w = 1/v (Higgins &amp; Thompson 2002, Stat Med
 *       21:1539–1558, eq. 9; metafor's form, equal to 100·(Q − df)/Q for DL). For FE, where τ² is assumed 0, I² is
 *       100·max(0, Q − df)/Q, as metafor reports it.
 * </ul>
 *
 * <p>k = 1 gives the estimate itself, τ² = 0, Q = 0 (p = 1), I² = 0, no prediction interval and the normal interval
 * (Hartung–Knapp needs k ≥ 2). Confidence intervals are 95%.
 */
public final class MetaAnalysis {
    /** Most Fisher-scoring steps for REML before falling back to DL (metafor's default maxiter is 100). */
    public static final int MAX_ITERATIONS = 1000;

    /** Convergence: a step below this fraction of (τ² + mean within-site variance). */
    static final double TOLERANCE = 1e-10;

    /** z<sub>0.975</sub>. */
    static final double Z975 = 1.959963984540054;

    private MetaAnalysis() {}

    /**
     * Pools estimates.
     *
     * @param estimates the per-site estimates (finite)
     * @param standardErrors their standard errors (positive and finite), same length, at least one
     * @param options method and interval
     * @return the pooled estimate, heterogeneity and intervals
     * @throws IllegalArgumentException naming the first bad input
     */
    public static MetaResult pool(double[] estimates, double[] standardErrors, MetaOptions options) {
        return pool(estimates, standardErrors, options, MAX_ITERATIONS);
    }

    /** As {@link #pool(double[], double[], MetaOptions)} with a cap on REML's iterations (tests the fallback). */
    static MetaResult pool(double[] estimates, double[] standardErrors, MetaOptions options, int maxIterations) {
        validate(estimates, standardErrors, options);
        int k = estimates.length;
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            v[i] = standardErrors[i] * standardErrors[i];
        }
        double[] y = estimates;
        // Cochran's Q with fixed-effect weights.
        double sw = 0;
        double sw2 = 0;
        double swy = 0;
        for (int i = 0; i < k; i++) {
            double w = 1 / v[i];
            sw += w;
            sw2 += w * w;
            swy += w * y[i];
        }
        double muFe = swy / sw;
        double q = 0;
        for (int i = 0; i < k; i++) {
            q += (y[i] - muFe) * (y[i] - muFe) / v[i];
        }
        int df = k - 1;
        double qP = df == 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, q / 2.0);

        MetaMethod method = options.method();
        boolean fellBack = false;
        int iterations = 0;
        double tau2 = 0;
        if (k > 1) {
            double dl = dersimonianLaird(q, df, sw, sw2);
            switch (method) {
                case FE -> tau2 = 0;
                case DL -> tau2 = dl;
                case PM -> {
                    double[] pm = pauleMandel(y, v, q);
                    tau2 = pm[0];
                    iterations = (int) pm[1];
                }
                case REML -> {
                    double[] reml = reml(y, v, dl, maxIterations);
                    iterations = (int) reml[1];
                    if (Double.isNaN(reml[0])) {
                        fellBack = true;
                        method = MetaMethod.DL;
                        tau2 = dl;
                    } else {
                        tau2 = reml[0];
                    }
                }
            }
        }

        // Pooled estimate for this τ².
        double swr = 0;
        double swry = 0;
        for (int i = 0; i < k; i++) {
            double w = 1 / (v[i] + tau2);
            swr += w;
            swry += w * y[i];
        }
        double mu = swry / swr;
        double se = Math.sqrt(1 / swr);
        boolean hk = options.hartungKnapp() && k > 1;
        double half;
        if (hk) {
            double s = 0;
            for (int i = 0; i < k; i++) {
                s += (y[i] - mu) * (y[i] - mu) / (v[i] + tau2);
            }
            se = Math.sqrt(s / (df * swr));
            half = tQuantile(df) * se;
        } else {
            half = Z975 * se;
        }

        double i2;
        if (k == 1) {
            i2 = 0;
        } else if (method == MetaMethod.FE) {
            i2 = q > 0 ? 100 * Math.max(0, q - df) / q : 0;
        } else {
            double s2 = df * sw / (sw * sw - sw2);
            i2 = 100 * tau2 / (tau2 + s2);
        }

        double piLower = Double.NaN;
        double piUpper = Double.NaN;
        if (k >= 3) {
            double piHalf = tQuantile(k - 2) * Math.sqrt(tau2 + se * se);
            piLower = mu - piHalf;
            piUpper = mu + piHalf;
        }
        return new MetaResult(
                method,
                fellBack,
                k,
                mu,
                se,
                mu - half,
                mu + half,
                tau2,
                i2,
                q,
                df,
                qP,
                piLower,
                piUpper,
                hk,
                iterations);
    }

    /**
     * Each site's share of the total weight, in percent, for a given τ² (weights 1/(se² + τ²)), as a forest plot
     * shows them.
     *
     * @param standardErrors the standard errors (positive and finite)
     * @param tau2 the between-site variance used for pooling ({@link MetaResult#tau2()})
     * @return one weight per site, summing to 100
     */
    public static double[] weightsPercent(double[] standardErrors, double tau2) {
        if (!(tau2 >= 0) || Double.isInfinite(tau2)) {
            throw new IllegalArgumentException("tau2 must be a finite number >= 0, got " + tau2);
        }
        validateSe(standardErrors);
        double[] w = new double[standardErrors.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 / (standardErrors[i] * standardErrors[i] + tau2);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = 100 * w[i] / sum;
        }
        return w;
    }

    /** DerSimonian &amp; Laird (1986): method-of-moments τ² from Cochran's Q. */
    static double dersimonianLaird(double q, int df, double sw, double sw2) {
        double c = sw - sw2 / sw;
        return Math.max(0, (q - df) / c);
    }

    /**
     * REML τ² by Fisher scoring (Viechtbauer 2005, eq. 11 in the notation of metafor: P = W − Wx(x'Wx)⁻¹x'W).
     *
     * @return {τ², iterations}, τ² NaN when it did not converge
     */
    static double[] reml(double[] y, double[] v, double start, int maxIterations) {
        int k = y.length;
        double meanV = 0;
        for (double vi : v) {
            meanV += vi / k;
        }
        double tau2 = start;
        for (int it = 1; it <= maxIterations; it++) {
            double sw = 0;
            double sw2 = 0;
            double sw3 = 0;
            double swy = 0;
            for (int i = 0; i < k; i++) {
                double w = 1 / (v[i] + tau2);
                sw += w;
                sw2 += w * w;
                sw3 += w * w * w;
                swy += w * y[i];
            }
            double mu = swy / sw;
            double yPPy = 0;
            for (int i = 0; i < k; i++) {
                double r = (y[i] - mu) / (v[i] + tau2);
                yPPy += r * r;
            }
            double trP = sw - sw2 / sw;
            double trPP = sw2 - 2 * sw3 / sw + (sw2 / sw) * (sw2 / sw);
            double next = Math.max(0, tau2 + (yPPy - trP) / trPP);
            if (!Double.isFinite(next)) {
                return new double[] {Double.NaN, it};
            }
            boolean converged = Math.abs(next - tau2) <= TOLERANCE * (next + meanV);
            tau2 = next;
            if (converged) {
                return new double[] {tau2, it};
            }
        }
        return new double[] {Double.NaN, maxIterations};
    }

    /**
     * Paule &amp; Mandel (1982): τ² solving Σw*(y − μ*)² = k − 1, w* = 1/(v + τ²).
     *
     * @return {τ², function evaluations}
     */
    static double[] pauleMandel(double[] y, double[] v, double q) {
        int df = y.length - 1;
        if (q <= df) {
            return new double[] {0, 0};
        }
        double meanV = 0;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < y.length; i++) {
            meanV += v[i] / y.length;
            lo = Math.min(lo, y[i]);
            hi = Math.max(hi, y[i]);
        }
        // Generalised Q(τ²) ≤ Σ(y − ȳ)²/τ² ≤ k·range²/τ², so this upper bound has Q < k − 1.
        double upper = Math.max(meanV, y.length * (hi - lo) * (hi - lo) / df) * 2;
        while (generalisedQ(y, v, upper) - df > 0) {
            upper *= 2;
        }
        BrentSolver solver = new BrentSolver(1e-15, TOLERANCE * meanV);
        double tau2 = solver.solve(10_000, t -> generalisedQ(y, v, t) - df, 0, upper);
        return new double[] {tau2, solver.getEvaluations()};
    }

    /** Σw*(y − μ*)² with w* = 1/(v + τ²). */
    static double generalisedQ(double[] y, double[] v, double tau2) {
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < y.length; i++) {
            double w = 1 / (v[i] + tau2);
            sw += w;
            swy += w * y[i];
        }
        double mu = swy / sw;
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - mu) * (y[i] - mu) / (v[i] + tau2);
        }
        return s;
    }

    private static double tQuantile(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    private static void validate(double[] estimates, double[] standardErrors, MetaOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("meta-analysis options are missing");
        }
        if (estimates == null || standardErrors == null) {
            throw new IllegalArgumentException("meta-analysis needs estimates and standard errors, got null");
        }
        if (estimates.length != standardErrors.length) {
            throw new IllegalArgumentException("meta-analysis needs one standard error per estimate, got "
                    + estimates.length + " estimates and " + standardErrors.length + " standard errors");
        }
        if (estimates.length == 0) {
            throw new IllegalArgumentException("meta-analysis needs at least one estimate (k >= 1), got none");
        }
        for (int i = 0; i < estimates.length; i++) {
            if (!Double.isFinite(estimates[i])) {
                throw new IllegalArgumentException("estimate " + (i + 1) + " of " + estimates.length + " is "
                        + estimates[i] + "; estimates" + " must be finite numbers");
            }
        }
        validateSe(standardErrors);
    }

    private static void validateSe(double[] standardErrors) {
        for (int i = 0; i < standardErrors.length; i++) {
            double se = standardErrors[i];
            if (!(se > 0) || Double.isInfinite(se)) {
                throw new IllegalArgumentException("standard error " + (i + 1) + " of " + standardErrors.length + " is "
                        + se + "; standard errors must be positive finite numbers");
            }
        }
    }
}
