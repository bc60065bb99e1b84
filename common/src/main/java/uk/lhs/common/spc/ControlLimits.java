package uk.lhs.common.spc;

import java.util.Arrays;
import uk.lhs.common.vocab.ChartType;

/**
 * Centre line and per-point limits of one phase, for every chart type. Pure arithmetic over arrays.
 *
 * <p>Baseline handling follows qicharts2 (R/helper.functions.R): the baseline is the phase's points within the freeze
 * that are not excluded. Moving ranges are the differences between consecutive baseline points, so an excluded point
 * is bridged, while a missing value (NaN) makes its two moving ranges missing and they are dropped (R's
 * {@code mean(abs(diff(y[base])), na.rm = TRUE)}).
 */
final class ControlLimits {
    /** XmR scaling factor: 3 / d2 with d2 = 1.128, rounded as MDC and NHSRplotthedots use it. */
    static final double MDC_LIMIT_FACTOR = 2.66;
    /** D4 for subgroups of 2: upper limit of the moving-range chart, and the MR screening threshold (MDC). */
    static final double MR_UPPER_FACTOR = 3.267;
    /** d2 for subgroups of 2: sigma = AMR / 1.128 (Montgomery, Introduction to SQC, Appendix VI; qicharts2). */
    static final double D2 = 1.128;
    /** Shewhart limits at 3 sigma. */
    static final double LIMIT_SIGMAS = 3.0;
    /** The near-limit ("two-sigma") band used by the two-of-three rule. */
    static final double NEAR_SIGMAS = 2.0;
    /** T chart power transformation y^(1/3.6) (Nelson 1994). */
    static final double T_EXPONENT = 3.6;

    private ControlLimits() {}

    /**
     * Limits of one phase.
     *
     * @param centre the centre line (NaN if there is no baseline point)
     * @param lower per-point lower limit
     * @param upper per-point upper limit
     * @param lowerNear per-point lower near-limit line
     * @param upperNear per-point upper near-limit line
     * @param baselinePoints non-missing points that entered the calculation
     */
    record Phase(
            double centre,
            double[] lower,
            double[] upper,
            double[] lowerNear,
            double[] upperNear,
            int baselinePoints) {}

    /**
     * Computes the limits of one phase.
     *
     * @param chart the chart type
     * @param y the plotted statistic of each point in the phase (NaN = missing)
     * @param numerators numerators (P/U family), else null
     * @param denominators denominators (P/U family), else null
     * @param inBase whether each point is in the baseline (within the freeze and not excluded), missing or not
     * @param screen whether XmR/I moving ranges are screened
     */
    static Phase compute(
            ChartType chart, double[] y, double[] numerators, double[] denominators, boolean[] inBase, boolean screen) {
        int n = y.length;
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (inBase[i] && !Double.isNaN(y[i])) {
                used++;
            }
        }
        double[] lower = nan(n);
        double[] upper = nan(n);
        double[] lowerNear = nan(n);
        double[] upperNear = nan(n);
        double centre;
        switch (chart) {
            case XMR, I -> {
                centre = mean(y, inBase);
                double amr = averageMovingRange(baseSequence(y, inBase), screen);
                // XmR: mean ± 2.66 AMR (MDC); I: mean ± 3 AMR/1.128 (qicharts2). Near band at 2/3 of the distance.
                double halfWidth = chart == ChartType.XMR ? MDC_LIMIT_FACTOR * amr : LIMIT_SIGMAS * amr / D2;
                fillConstant(centre, halfWidth, lower, upper, lowerNear, upperNear);
            }
            case MR -> {
                centre = mean(y, inBase);
                Arrays.fill(lower, 0.0);
                Arrays.fill(upper, MR_UPPER_FACTOR * centre);
            }
            case C -> {
                centre = mean(y, inBase);
                fillConstant(centre, LIMIT_SIGMAS * Math.sqrt(centre), lower, upper, lowerNear, upperNear);
                floorAtZero(lower, lowerNear);
            }
            case P, P_PRIME, U, U_PRIME -> {
                centre = ratioOfSums(y, numerators, denominators, inBase);
                boolean p = chart == ChartType.P || chart == ChartType.P_PRIME;
                double[] sd = new double[n];
                for (int i = 0; i < n; i++) {
                    double d = denominators[i];
                    sd[i] = d > 0 ? Math.sqrt((p ? centre * (1 - centre) : centre) / d) : Double.NaN;
                }
                double scale = 1.0;
                if (chart == ChartType.P_PRIME || chart == ChartType.U_PRIME) {
                    scale = laneySigmaZ(y, sd, centre, inBase);
                }
                for (int i = 0; i < n; i++) {
                    double s = sd[i] * scale;
                    lower[i] = centre - LIMIT_SIGMAS * s;
                    upper[i] = centre + LIMIT_SIGMAS * s;
                    lowerNear[i] = centre - NEAR_SIGMAS * s;
                    upperNear[i] = centre + NEAR_SIGMAS * s;
                }
                floorAtZero(lower, lowerNear);
                if (p) {
                    capAtOne(upper, upperNear);
                }
            }
            case T -> {
                double[] ty = new double[n];
                for (int i = 0; i < n; i++) {
                    ty[i] = Math.pow(y[i], 1 / T_EXPONENT);
                }
                double centreT = mean(ty, inBase);
                double halfWidth = LIMIT_SIGMAS * averageMovingRange(baseSequence(ty, inBase), screen) / D2;
                fillConstant(centreT, halfWidth, lower, upper, lowerNear, upperNear);
                centre = Math.pow(centreT, T_EXPONENT);
                for (double[] a : new double[][] {lower, upper, lowerNear, upperNear}) {
                    for (int i = 0; i < n; i++) {
                        a[i] = a[i] < 0 ? 0 : Math.pow(a[i], T_EXPONENT);
                    }
                }
            }
            case RUN -> centre = RunChart.median(baseValues(y, inBase));
            default -> throw new IllegalStateException("unhandled chart " + chart);
        }
        return new Phase(centre, lower, upper, lowerNear, upperNear, used);
    }

    /**
     * Laney's sigma_z: the average moving range of the standardised baseline values z = (y − centre)/sd, over 1.128
     * (Laney 2002; qicharts2 {@code qic.pp}/{@code qic.up}). Moving ranges follow the same baseline rules as XmR.
     */
    static double laneySigmaZ(double[] y, double[] sd, double centre, boolean[] inBase) {
        double[] z = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            z[i] = (y[i] - centre) / sd[i];
        }
        return averageMovingRange(baseSequence(z, inBase), false) / D2;
    }

    /**
     * Mean of the finite moving ranges of {@code seq}. With {@code screen}, ranges ≥ 3.267 × AMR are dropped and the
     * mean recomputed (MDC; NHSRplotthedots; qicharts2 {@code qic.screenedmr}). A zero AMR is not screened, since every
     * range would be "≥ 0" and none would be left.
     */
    static double averageMovingRange(double[] seq, boolean screen) {
        double[] mr = new double[Math.max(0, seq.length - 1)];
        for (int i = 1; i < seq.length; i++) {
            mr[i - 1] = Math.abs(seq[i] - seq[i - 1]);
        }
        double amr = meanFinite(mr);
        if (screen && amr > 0) {
            double cut = MR_UPPER_FACTOR * amr;
            double[] kept = Arrays.stream(mr).filter(m -> m < cut).toArray();
            amr = meanFinite(kept);
        }
        return amr;
    }

    /** The baseline points in order, missing values kept as NaN (so they break moving ranges). */
    static double[] baseSequence(double[] y, boolean[] inBase) {
        double[] out = new double[y.length];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (inBase[i]) {
                out[k++] = y[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static double[] baseValues(double[] y, boolean[] inBase) {
        return Arrays.stream(baseSequence(y, inBase))
                .filter(v -> !Double.isNaN(v))
                .toArray();
    }

    private static double mean(double[] y, boolean[] inBase) {
        return meanFinite(baseSequence(y, inBase));
    }

    /** Mean of the non-NaN values with R's second-pass correction (summary.c); NaN when there are none. */
    static double meanFinite(double[] v) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double m = sum / n;
        double correction = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                correction += x - m;
            }
        }
        return m + correction / n;
    }

    private static double ratioOfSums(double[] y, double[] num, double[] den, boolean[] inBase) {
        double sx = 0;
        double sn = 0;
        for (int i = 0; i < y.length; i++) {
            if (inBase[i] && !Double.isNaN(y[i])) {
                sx += num[i];
                sn += den[i];
            }
        }
        return sn > 0 ? sx / sn : Double.NaN;
    }

    private static void fillConstant(
            double centre, double halfWidth, double[] lower, double[] upper, double[] lowerNear, double[] upperNear) {
        double near = halfWidth * NEAR_SIGMAS / LIMIT_SIGMAS;
        Arrays.fill(lower, centre - halfWidth);
        Arrays.fill(upper, centre + halfWidth);
        Arrays.fill(lowerNear, centre - near);
        Arrays.fill(upperNear, centre + near);
    }

    private static void floorAtZero(double[]... arrays) {
        for (double[] a : arrays) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] < 0) {
                    a[i] = 0;
                }
            }
        }
    }

    private static void capAtOne(double[]... arrays) {
        for (double[] a : arrays) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] > 1) {
                    a[i] = 1;
                }
            }
        }
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
