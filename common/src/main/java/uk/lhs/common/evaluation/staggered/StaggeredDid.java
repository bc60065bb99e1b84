package uk.lhs.common.evaluation.staggered;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Staggered difference-in-differences: group-time average treatment effects ATT(g,t) and their aggregations.
 *
 * <p>Source: Callaway B. &amp; Sant'Anna P.H.C. (2021) "Difference-in-Differences with multiple time periods", J
 * Econometrics 225(2):200–230, under unconditional parallel trends, computed as the authors' R package {@code did}
 * (2.x: {@code att_gt}, {@code aggte}, {@code mboot}) computes it:
 *
 * <ol>
 *   <li>The panel is prepared as {@code pre_process_did} does ({@link BalancedPanel}).
 *   <li>ATT(g,t) for every cohort g and period t is the 2×2 difference in differences of means: the mean change of
 *       cohort g between the base period and t minus that of the comparison group (CS 2021 Theorem 1, eq. 2.7 without
 *       covariates; the {@code drdid_panel} estimate with an intercept only reduces to it). With a varying base
 *       period, a pre-treatment t is compared with the period before it, a post-treatment t with g−1; with a
 *       universal base every t is compared with g−1 and ATT(g,g−1) = 0 is reported. Not-yet-treated comparison units
 *       are those first treated after max(t, base period), other than cohort g ({@code att_gt}'s {@code .C}).
 *   <li>Each estimate carries its influence function ψ over the n units: for ATT(g,t),
 *       ψ_i = n·[G_i(ΔY_i − μ_G)/n_G − C_i(ΔY_i − μ_C)/n_C] ({@code drdid_panel}'s influence function times n/n₁).
 *   <li>Aggregations ({@code aggte}; CS 2021 §4, eq. 3.x): {@code simple} weights post-treatment ATT(g,t) by
 *       P(G = g); {@code group} averages each cohort's post-treatment effects and weights cohorts by P(G = g);
 *       {@code dynamic} weights the cohorts observed at event time e by P(G = g), its overall value the plain mean
 *       over e ≥ 0; {@code calendar} weights the cohorts treated by t by P(G = g), its overall value the plain mean
 *       over t. Estimated weights add their own term to the influence function ({@code wif}); for the {@code group}
 *       overall value it is taken over the cohorts, as corrected in {@code did} pull request #223 (2025).
 *   <li>Inference: a multiplier bootstrap of the influence functions clustered by unit (each unit one draw, so
 *       serial correlation within a unit is kept), with Rademacher weights as {@code BMisc::multiplier_bootstrap}
 *       draws them (mean 0, variance 1; the wild bootstrap of Mammen 1993, Ann Statist 21(1), in its two-point
 *       form). Standard error = bootstrap IQR / (z.75 − z.25) / √n (R's robust rule, quantiles of type 1); the
 *       simultaneous band of an aggregation uses the 95% quantile of the sup over its rows of |bootstrap t|
 *       (CS 2021 §4.1), never narrower than the pointwise 1.96 (as {@code aggte}). All estimates share the draws.
 * </ol>
 *
 * <p>Beside them: the placebo pre-test ({@link PreTest}) and the two-way fixed effects estimate ({@link Twfe};
 * Goodman-Bacon 2021, J Econometrics 225(2):254–277). No I/O, no Spark; deterministic for a seed.
 */
public final class StaggeredDid {
    private StaggeredDid() {}

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /** Pointwise 95% critical value, Φ⁻¹(0.975). */
    static final double Z95 = NORMAL.inverseCumulativeProbability(0.975);
    /** IQR of the standard normal, z.75 − z.25: R did's robust standard error divides the bootstrap IQR by it. */
    private static final double NORMAL_IQR =
            NORMAL.inverseCumulativeProbability(0.75) - NORMAL.inverseCumulativeProbability(0.25);
    /** R did's "zero" standard error, sqrt(.Machine$double.eps)·10: below it a standard error is NA. */
    static final double TINY = Math.sqrt(Math.ulp(1.0)) * 10;
    /** R's fuzz in quantile(type = 1), 4·.Machine$double.eps. */
    private static final double FUZZ = 4 * Math.ulp(1.0);

    /** One estimate with its influence function over the units (package-visible for tests). */
    record Estimate(String aggregation, Integer group, Integer time, Integer eventTime, double value, double[] psi) {
        boolean overall() {
            return group == null && time == null && eventTime == null;
        }

        /** Analytic standard error sqrt(mean(ψ²)/n) ({@code getSE} without the bootstrap); NaN when zero. */
        double analyticSe() {
            double ss = 0;
            for (double v : psi) {
                ss += v * v;
            }
            int n = psi.length;
            double se = Math.sqrt(ss / n / n);
            return se <= TINY ? Double.NaN : se;
        }
    }

    /**
     * Estimates the group-time effects, their aggregations, the pre-test and TWFE.
     *
     * @param panel the long panel
     * @param options comparison group, base period, bootstrap draws and seed
     * @return the estimates, in the row order of {@link StaggeredResult#rows()}
     * @throws IllegalArgumentException when nothing can be estimated (no treated cohort, no comparison units)
     */
    public static StaggeredResult estimate(StaggeredPanel panel, StaggeredOptions options) {
        BalancedPanel p = BalancedPanel.prepare(panel, options.control());
        List<List<Estimate>> blocks = pointEstimates(p, options);
        List<Estimate> all = new ArrayList<>();
        blocks.forEach(all::addAll);
        double[][] draws = bootstrap(all, options.bootstrap(), options.seed());
        int n = p.n();
        List<StaggeredRow> rows = new ArrayList<>();
        int k = 0;
        for (List<Estimate> block : blocks) {
            int from = k;
            double[] sigma = new double[block.size()];
            for (Estimate e : block) {
                sigma[k - from] = robustSigma(draws[k]);
                k++;
            }
            List<Integer> banded = new ArrayList<>();
            for (int j = 0; j < block.size(); j++) {
                if (!block.get(j).overall()) {
                    banded.add(j);
                }
            }
            double crit = criticalValue(draws, from, sigma, banded);
            for (int j = 0; j < block.size(); j++) {
                Estimate e = block.get(j);
                double se = sigma[j] / Math.sqrt(n);
                if (!(se > TINY) || Double.isNaN(e.analyticSe())) {
                    se = Double.NaN;
                }
                double band = e.overall() ? Double.NaN : crit * se;
                rows.add(new StaggeredRow(
                        e.aggregation(),
                        e.group(),
                        e.time(),
                        e.eventTime(),
                        e.value(),
                        se,
                        e.value() - Z95 * se,
                        e.value() + Z95 * se,
                        e.value() - band,
                        e.value() + band));
            }
        }
        return new StaggeredResult(
                rows,
                preTest(blocks.get(0), n),
                TwoWayFixedEffects.fit(p),
                n,
                p.cohorts().length,
                p.droppedUnits(),
                p.notes());
    }

    /** ATT(g,t) then the four aggregations, each with its influence functions (no bootstrap). */
    static List<List<Estimate>> pointEstimates(BalancedPanel p, StaggeredOptions options) {
        List<Estimate> gt = groupTime(p, options);
        Aggregations a = new Aggregations(p, gt);
        return List.of(gt, a.simple(), a.group(), a.dynamic(), a.calendar());
    }

    /** As {@link #pointEstimates(BalancedPanel, StaggeredOptions)} on a raw panel. */
    static List<List<Estimate>> pointEstimates(StaggeredPanel panel, StaggeredOptions options) {
        return pointEstimates(BalancedPanel.prepare(panel, options.control()), options);
    }

    /** ATT(g,t) for every cohort and period, in R's loop order (cohort, then period). */
    static List<Estimate> groupTime(BalancedPanel p, StaggeredOptions options) {
        int[] tl = p.periods();
        int nT = tl.length;
        int n = p.n();
        boolean universal = options.basePeriod() == BasePeriod.UNIVERSAL;
        // R: with a varying base the loop starts at the second period (t index shifted by tfac = 1)
        int tfac = universal ? 0 : 1;
        int loops = universal ? nT : nT - 1;
        List<Estimate> out = new ArrayList<>();
        for (int g : p.cohorts()) {
            int lastPre = lastBefore(tl, g); // index of g−1's period: the last period before g
            for (int ti = 0; ti < loops; ti++) {
                int cur = ti + tfac;
                int pret = universal ? lastPre : ti;
                boolean[] control = new boolean[n];
                for (int i = 0; i < n; i++) {
                    int gi = p.group()[i];
                    control[i] = gi == 0
                            || (options.control() == ControlGroup.NOT_YET_TREATED
                                    && gi > tl[Math.max(ti, pret) + tfac]
                                    && gi != g);
                }
                if (g <= tl[cur]) {
                    pret = lastPre; // post-treatment: always against g−1
                }
                if (universal && pret == cur) {
                    out.add(new Estimate(StaggeredResult.ATT_GT, g, tl[cur], tl[cur] - g, 0.0, new double[n]));
                    continue;
                }
                out.add(twoByTwo(p, g, cur, pret, control));
            }
        }
        return out;
    }

    /** The 2×2 DiD of means of cohort g against the control units between periods pret and cur (indices). */
    private static Estimate twoByTwo(BalancedPanel p, int g, int cur, int pret, boolean[] control) {
        int n = p.n();
        double[] dy = new double[n];
        double sumG = 0;
        double sumC = 0;
        int nG = 0;
        int nC = 0;
        for (int i = 0; i < n; i++) {
            dy[i] = p.y()[i][cur] - p.y()[i][pret];
            if (p.group()[i] == g) {
                sumG += dy[i];
                nG++;
            } else if (control[i]) {
                sumC += dy[i];
                nC++;
            }
        }
        int t = p.periods()[cur];
        if (nC == 0) {
            throw new IllegalArgumentException("no comparison unit for cohort " + g + " in period " + t
                    + "; use the never-treated comparison or add units treated later");
        }
        double muG = sumG / nG;
        double muC = sumC / nC;
        double[] psi = new double[n];
        for (int i = 0; i < n; i++) {
            if (p.group()[i] == g) {
                psi[i] = (double) n * (dy[i] - muG) / nG;
            } else if (control[i]) {
                psi[i] = -(double) n * (dy[i] - muC) / nC;
            }
        }
        return new Estimate(StaggeredResult.ATT_GT, g, t, t - g, muG - muC, psi);
    }

    /** Index of the last period before {@code g} (R: {@code tail(which(tlist < g), 1)}); g is after the first. */
    private static int lastBefore(int[] periods, int g) {
        int j = -1;
        for (int i = 0; i < periods.length; i++) {
            if (periods[i] < g) {
                j = i;
            }
        }
        return j;
    }

    /**
     * The multiplier bootstrap: for each draw b, unit weights V_i = ±1 with probability ½ (Rademacher), and for
     * every estimate k the draw Σ_i V_i ψ_ik / √n ({@code mboot}: √n · mean(V·ψ)). Returns draws[k][b].
     */
    static double[][] bootstrap(List<Estimate> estimates, int draws, long seed) {
        int kCount = estimates.size();
        int n = estimates.get(0).psi().length;
        double[][] psi = new double[kCount][];
        for (int k = 0; k < kCount; k++) {
            psi[k] = estimates.get(k).psi();
        }
        double[][] out = new double[kCount][draws];
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        double root = Math.sqrt(n);
        for (int b = 0; b < draws; b++) {
            for (int i = 0; i < n; i++) {
                v[i] = random.nextBoolean() ? 1.0 : -1.0;
            }
            for (int k = 0; k < kCount; k++) {
                double[] col = psi[k];
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += v[i] * col[i];
                }
                out[k][b] = s / root;
            }
        }
        return out;
    }

    /** (q.75 − q.25)/(z.75 − z.25) of one estimate's draws; NaN when degenerate (R's {@code ndg.dim}, bSigma NA). */
    static double robustSigma(double[] draws) {
        double ss = 0;
        for (double d : draws) {
            ss += d * d;
        }
        if (!(ss > TINY)) {
            return Double.NaN;
        }
        double[] sorted = draws.clone();
        Arrays.sort(sorted);
        double sigma = (quantileType1(sorted, 0.75) - quantileType1(sorted, 0.25)) / NORMAL_IQR;
        return sigma > TINY ? sigma : Double.NaN;
    }

    /** R's {@code quantile(x, p, type = 1)} of a sorted array: the inverse of the empirical distribution function. */
    static double quantileType1(double[] sorted, double p) {
        int m = sorted.length;
        double np = m * p;
        int j = (int) Math.floor(np + FUZZ);
        int idx = np > j ? j + 1 : j; // 1-based order statistic
        idx = Math.max(1, Math.min(m, idx));
        return sorted[idx - 1];
    }

    /**
     * Sup-t critical value of a set of estimates: the 95% quantile (type 1) over draws of max_k |draw_k/σ_k|, over
     * the estimates with a finite σ ({@code mboot}'s {@code crit.val}); 1.96 when it is undefined or smaller
     * ({@code aggte}'s fallback to pointwise intervals).
     */
    private static double criticalValue(double[][] draws, int from, double[] sigma, List<Integer> which) {
        List<Integer> usable =
                which.stream().filter(j -> Double.isFinite(sigma[j])).toList();
        if (usable.isEmpty()) {
            return Z95;
        }
        int b = draws[from].length;
        double[] sup = new double[b];
        for (int d = 0; d < b; d++) {
            double m = 0;
            for (int j : usable) {
                m = Math.max(m, Math.abs(draws[from + j][d] / sigma[j]));
            }
            sup[d] = m;
        }
        Arrays.sort(sup);
        double c = quantileType1(sup, 0.95);
        return Double.isFinite(c) && c >= Z95 ? c : Z95;
    }

    /**
     * The placebo pre-test ({@code att_gt}): W = n·a'V⁻¹a over the pre-treatment ATT(g,t) (g &gt; t) with a non-zero
     * analytic variance, V = Ψ'Ψ/n their influence-function covariance; χ² with one degree of freedom per effect.
     * NaN when there are none or V is singular (reciprocal condition number ≤ machine epsilon, R's {@code rcond} check).
     */
    static PreTest preTest(List<Estimate> groupTime, int n) {
        List<Estimate> pre = groupTime.stream()
                .filter(e -> e.group() > e.time() && !Double.isNaN(e.analyticSe()))
                .toList();
        int q = pre.size();
        if (q == 0) {
            return PreTest.none(0);
        }
        double[][] v = new double[q][q];
        double[] a = new double[q];
        for (int r = 0; r < q; r++) {
            a[r] = pre.get(r).value();
            for (int c = 0; c <= r; c++) {
                double s = 0;
                double[] x = pre.get(r).psi();
                double[] y = pre.get(c).psi();
                for (int i = 0; i < n; i++) {
                    s += x[i] * y[i];
                }
                v[r][c] = s / n;
                v[c][r] = s / n;
            }
        }
        RealMatrix vm = new Array2DRowRealMatrix(v, false);
        if (!(new SingularValueDecomposition(vm).getInverseConditionNumber() > Math.ulp(1.0))) {
            return PreTest.none(q);
        }
        ArrayRealVector av = new ArrayRealVector(a, false);
        double w = n * av.dotProduct(new LUDecomposition(vm).getSolver().solve(av));
        double pValue = 1 - new ChiSquaredDistribution(null, q).cumulativeProbability(w);
        return new PreTest(w, q, pValue);
    }

    /** The {@code aggte} aggregations of the ATT(g,t), with the influence functions of their weights. */
    private static final class Aggregations {
        private final int n;
        private final int[] unitGroup;
        private final List<Estimate> gt;
        private final int[] cohorts;
        /** P(G = g) per cohort: its share of all units (R's {@code pg}). */
        private final double[] pgg;

        Aggregations(BalancedPanel p, List<Estimate> gt) {
            this.n = p.n();
            this.unitGroup = p.group();
            this.gt = gt;
            this.cohorts = p.cohorts();
            this.pgg = new double[cohorts.length];
            for (int c = 0; c < cohorts.length; c++) {
                int count = 0;
                for (int gi : unitGroup) {
                    if (gi == cohorts[c]) {
                        count++;
                    }
                }
                pgg[c] = (double) count / n;
            }
        }

        private double pg(int g) {
            return pgg[Arrays.binarySearch(cohorts, g)];
        }

        private static boolean post(Estimate e) {
            return e.group() <= e.time();
        }

        /** Weighted by P(G = g): the estimate and its influence function, with the weights' term ({@code wif}). */
        private Estimate weighted(String agg, Integer g, Integer t, Integer e, List<Estimate> cells, boolean wif) {
            double sum = 0;
            for (Estimate c : cells) {
                sum += pg(c.group());
            }
            double value = 0;
            double[] psi = new double[n];
            for (Estimate c : cells) {
                double w = pg(c.group()) / sum;
                value += w * c.value();
                add(psi, c.psi(), w);
            }
            if (wif) {
                int[] groups = cells.stream().mapToInt(Estimate::group).toArray();
                double[] pgs = Arrays.stream(groups).mapToDouble(this::pg).toArray();
                double[] atts = cells.stream().mapToDouble(Estimate::value).toArray();
                add(psi, weightsInfluence(groups, pgs, atts), 1.0);
            }
            return new Estimate(agg, g, t, e, value, psi);
        }

        /**
         * R did's {@code wif(keepers, pg, ...)} times the effects: the influence of estimating the weights
         * pg_k/Σpg. For unit i: Σ_k (1{G_i = g_k} − pg_k)/S·att_k − [Σ_k (1{G_i = g_k} − pg_k)]·Σ_k pg_k·att_k/S².
         */
        private double[] weightsInfluence(int[] groups, double[] pg, double[] att) {
            double s = 0;
            double pgAtt = 0;
            for (int k = 0; k < groups.length; k++) {
                s += pg[k];
                pgAtt += pg[k] * att[k];
            }
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double if1 = 0;
                double row = 0;
                for (int k = 0; k < groups.length; k++) {
                    double d = (unitGroup[i] == groups[k] ? 1.0 : 0.0) - pg[k];
                    if1 += d * att[k];
                    row += d;
                }
                out[i] = if1 / s - row * pgAtt / (s * s);
            }
            return out;
        }

        /** Plain mean of estimates and of their influence functions (no estimated weights). */
        private Estimate mean(String agg, Integer g, Integer t, Integer e, List<Estimate> parts) {
            double value = 0;
            double[] psi = new double[n];
            double w = 1.0 / parts.size();
            for (Estimate x : parts) {
                value += w * x.value();
                add(psi, x.psi(), w);
            }
            return new Estimate(agg, g, t, e, value, psi);
        }

        List<Estimate> simple() {
            List<Estimate> keepers = gt.stream().filter(Aggregations::post).toList();
            return List.of(weighted(StaggeredResult.SIMPLE, null, null, null, keepers, true));
        }

        List<Estimate> group() {
            List<Estimate> out = new ArrayList<>();
            for (int g : cohorts) {
                List<Estimate> cells =
                        gt.stream().filter(e -> e.group() == g && post(e)).toList();
                // equal weights within a cohort, no estimated weights (R: wif = NULL)
                out.add(weighted(StaggeredResult.GROUP, g, null, null, cells, false));
            }
            // overall: cohorts weighted by P(G = g), with the weights' influence over the cohorts (did PR #223)
            double s = Arrays.stream(pgg).sum();
            double value = 0;
            double[] psi = new double[n];
            double[] atts = new double[cohorts.length];
            for (int c = 0; c < cohorts.length; c++) {
                atts[c] = out.get(c).value();
                value += pgg[c] / s * atts[c];
                add(psi, out.get(c).psi(), pgg[c] / s);
            }
            add(psi, weightsInfluence(cohorts, pgg, atts), 1.0);
            out.add(new Estimate(StaggeredResult.GROUP, null, null, null, value, psi));
            return out;
        }

        List<Estimate> dynamic() {
            TreeSet<Integer> events = new TreeSet<>();
            gt.forEach(e -> events.add(e.eventTime()));
            List<Estimate> out = new ArrayList<>();
            List<Estimate> nonNegative = new ArrayList<>();
            for (int ev : events) {
                List<Estimate> cells =
                        gt.stream().filter(e -> e.eventTime() == ev).toList();
                Estimate d = weighted(StaggeredResult.DYNAMIC, null, null, ev, cells, true);
                out.add(d);
                if (ev >= 0) {
                    nonNegative.add(d);
                }
            }
            out.add(mean(StaggeredResult.DYNAMIC, null, null, null, nonNegative));
            return out;
        }

        List<Estimate> calendar() {
            int minG = cohorts[0];
            TreeSet<Integer> times = new TreeSet<>();
            gt.forEach(e -> {
                if (e.time() >= minG) {
                    times.add(e.time());
                }
            });
            List<Estimate> out = new ArrayList<>();
            for (int t : times) {
                List<Estimate> cells =
                        gt.stream().filter(e -> e.time() == t && post(e)).toList();
                out.add(weighted(StaggeredResult.CALENDAR, null, t, null, cells, true));
            }
            out.add(mean(StaggeredResult.CALENDAR, null, null, null, List.copyOf(out)));
            return out;
        }

        private static void add(double[] into, double[] x, double w) {
            for (int i = 0; i < into.length; i++) {
                into[i] += w * x[i];
            }
        }
    }
}
