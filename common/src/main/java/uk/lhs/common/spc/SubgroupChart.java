package uk.lhs.common.spc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * Xbar and S charts over subgroups of measurements (Montgomery, Introduction to Statistical Quality Control, 6th ed.,
 * eqs. 6.29-6.31; qicharts2 {@code qic.xbar}/{@code qic.s}). Not needed for indicator series (one value per period)
 * but kept beside the other Shewhart charts for audits of patient-level measurements.
 *
 * <p>Per subgroup: n = non-missing measurements, mean, sample sd (NaN for n &lt; 2). Baseline = the first
 * {@code fixAfter} subgroups minus the excluded ones. Centre of the Xbar chart Σn·mean/Σn; s̄ = mean sd when every
 * subgroup has the same n, else the pooled √(Σ(n−1)sd²/Σ(n−1)). Xbar limits centre ± A3(n)·s̄; S chart centre s̄
 * with limits B3(n)·s̄ and B4(n)·s̄; no limits for n ≤ 1. Unlike qicharts2, an empty subgroup adds nothing to the
 * pooled degrees of freedom (qicharts2 adds n − 1 = −1 for it).
 */
public final class SubgroupChart {
    /** Shewhart limits at 3 sigma. */
    private static final double LIMIT_SIGMAS = 3.0;

    private SubgroupChart() {}

    /** The subgroup chart types. */
    public enum Kind {
        /** Chart of subgroup means. */
        XBAR,
        /** Chart of subgroup standard deviations. */
        S
    }

    /**
     * One subgroup.
     *
     * @param value the subgroup mean (Xbar) or standard deviation (S); NaN if undefined
     * @param size non-missing measurements in the subgroup
     * @param centre the centre line
     * @param lowerLimit lower control limit (NaN for n ≤ 1)
     * @param upperLimit upper control limit (NaN for n ≤ 1)
     * @param outsideLimits strictly beyond a limit
     */
    public record Point(
            double value, int size, double centre, double lowerLimit, double upperLimit, boolean outsideLimits)
            implements Serializable {}

    /**
     * The chart.
     *
     * @param kind Xbar or S
     * @param points one per subgroup, in order
     * @param runs Anhøj runs analysis of the non-excluded subgroups around the centre line
     */
    public record Result(Kind kind, List<Point> points, RunAnalysis runs) implements Serializable {
        /** Copies the list. */
        public Result {
            points = List.copyOf(points);
        }
    }

    /**
     * Computes an Xbar or S chart.
     *
     * @param subgroups the measurements of each subgroup, in order (NaN = missing measurement)
     * @param kind Xbar or S
     * @param fixAfter baseline = the first {@code fixAfter} subgroups, or null for all
     * @param excludeIndices 0-based subgroups left out of the calculations and the runs analysis
     */
    public static Result compute(double[][] subgroups, Kind kind, Integer fixAfter, List<Integer> excludeIndices) {
        int k = subgroups.length;
        int[] n = new int[k];
        double[] mean = new double[k];
        double[] sd = new double[k];
        boolean[] base = new boolean[k];
        for (int i = 0; i < k; i++) {
            double[] g = subgroups[i];
            double sum = 0;
            for (double v : g) {
                if (!Double.isNaN(v)) {
                    n[i]++;
                    sum += v;
                }
            }
            mean[i] = n[i] == 0 ? Double.NaN : sum / n[i];
            double ss = 0;
            for (double v : g) {
                if (!Double.isNaN(v)) {
                    ss += (v - mean[i]) * (v - mean[i]);
                }
            }
            sd[i] = n[i] < 2 ? Double.NaN : Math.sqrt(ss / (n[i] - 1));
            base[i] = (fixAfter == null || i < fixAfter) && !excludeIndices.contains(i);
        }
        double sBar = sBar(n, sd, base);
        double centre;
        if (kind == Kind.XBAR) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < k; i++) {
                if (base[i] && n[i] > 0) {
                    num += n[i] * mean[i];
                    den += n[i];
                }
            }
            centre = num / den;
        } else {
            centre = sBar;
        }
        List<Point> points = new ArrayList<>(k);
        List<Double> included = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            double y = kind == Kind.XBAR ? mean[i] : sd[i];
            double lower = Double.NaN;
            double upper = Double.NaN;
            if (n[i] > 1) {
                double c4 = c4(n[i]);
                if (kind == Kind.XBAR) {
                    double a3 = LIMIT_SIGMAS / (c4 * Math.sqrt(n[i]));
                    lower = centre - a3 * sBar;
                    upper = centre + a3 * sBar;
                } else {
                    double spread = LIMIT_SIGMAS * Math.sqrt(1 - c4 * c4) / c4;
                    lower = Math.max(0, 1 - spread) * sBar;
                    upper = (1 + spread) * sBar;
                }
            }
            points.add(new Point(y, n[i], centre, lower, upper, y > upper || y < lower));
            if (!excludeIndices.contains(i)) {
                included.add(y);
            }
        }
        RunAnalysis runs = RunChart.analyse(
                included.stream().mapToDouble(Double::doubleValue).toArray(), centre);
        return new Result(kind, points, runs);
    }

    /** c4(n) = √(2/(n−1)) Γ(n/2) / Γ((n−1)/2), the bias of the sample sd (Montgomery, Appendix VI). */
    static double c4(int n) {
        return Math.sqrt(2.0 / (n - 1)) * Math.exp(Gamma.logGamma(n / 2.0) - Gamma.logGamma((n - 1) / 2.0));
    }

    /** Mean sd when all subgroups have one size, else the pooled sd over the baseline (Montgomery 6.29 / 6.31). */
    private static double sBar(int[] n, double[] sd, boolean[] base) {
        boolean variable = false;
        for (int i = 1; i < n.length; i++) {
            variable |= n[i] != n[0];
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n.length; i++) {
            if (!base[i] || Double.isNaN(sd[i])) {
                continue;
            }
            num += variable ? (n[i] - 1) * sd[i] * sd[i] : sd[i];
            den += variable ? n[i] - 1 : 1;
        }
        return variable ? Math.sqrt(num / den) : num / den;
    }
}
