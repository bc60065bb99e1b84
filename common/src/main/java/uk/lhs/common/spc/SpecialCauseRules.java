package uk.lhs.common.spc;

/**
 * The four MDC special-cause rules over one phase (NHS England, "Making Data Count: strengthening your decisions",
 * 2019/2023; NHSRplotthedots {@code ptd_spc}).
 *
 * <p>Missing values (NaN) carry no flags and are skipped: the rules run over the sequence of non-missing points, so
 * a gap neither breaks nor extends a shift, a trend or a two-of-three window.
 */
final class SpecialCauseRules {
    private SpecialCauseRules() {}

    /**
     * Per-point flags of one phase.
     *
     * @param outside strictly beyond a limit
     * @param trend part of a run of {@code trendLength} or more points, each strictly above (or each strictly below) the
     *     one before; a tie ends the run
     * @param trendUp for trend points, whether the trend increases (a peak shared by two trends keeps the first)
     * @param twoOfThree a near point in a window of three consecutive points on the same side of the centre line of
     *     which at least two are near
     * @param shift part of a run of {@code shiftLength} or more points on one side of the centre line; a point exactly
     *     on the centre line ends the run
     */
    record Flags(boolean[] outside, boolean[] trend, boolean[] trendUp, boolean[] twoOfThree, boolean[] shift) {}

    /**
     * Evaluates all four rules.
     *
     * @param y the plotted statistic (NaN = missing)
     * @param centre the phase's centre line
     * @param lower per-point lower limit (NaN = undefined: no outside or near flags)
     * @param upper per-point upper limit
     * @param lowerNear per-point lower near line
     * @param upperNear per-point upper near line
     * @param options rule lengths and the two-of-three variant
     */
    static Flags evaluate(
            double[] y,
            double centre,
            double[] lower,
            double[] upper,
            double[] lowerNear,
            double[] upperNear,
            SpcOptions options) {
        int n = y.length;
        int[] idx = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(y[i])) {
                idx[m++] = i;
            }
        }
        boolean[] outside = new boolean[n];
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            outside[i] = y[i] > upper[i] || y[i] < lower[i];
        }
        boolean[] shift = new boolean[n];
        markShifts(y, centre, idx, m, options.shiftLength(), shift);
        boolean[] trend = new boolean[n];
        boolean[] trendUp = new boolean[n];
        markTrends(y, idx, m, options.trendLength(), trend, trendUp);
        boolean[] twoOfThree = new boolean[n];
        markTwoOfThree(
                y, centre, lower, upper, lowerNear, upperNear, idx, m, options.twoOfThreeIncludesBeyond(), twoOfThree);
        return new Flags(outside, trend, trendUp, twoOfThree, shift);
    }

    /** Side of the centre line: +1 above, −1 below, 0 on it (or no centre line). */
    static int side(double v, double centre) {
        if (v > centre) {
            return 1;
        }
        return v < centre ? -1 : 0;
    }

    private static void markShifts(double[] y, double centre, int[] idx, int m, int length, boolean[] out) {
        int start = 0;
        while (start < m) {
            int s = side(y[idx[start]], centre);
            int end = start + 1;
            while (end < m && s != 0 && side(y[idx[end]], centre) == s) {
                end++;
            }
            if (s != 0 && end - start >= length) {
                for (int k = start; k < end; k++) {
                    out[idx[k]] = true;
                }
            }
            start = end;
        }
    }

    private static void markTrends(double[] y, int[] idx, int m, int length, boolean[] out, boolean[] up) {
        // Runs of consecutive steps in one strict direction; a run of s steps spans s + 1 points.
        int start = 0;
        while (start < m - 1) {
            int dir = stepDirection(y[idx[start]], y[idx[start + 1]]);
            int end = start + 1;
            while (dir != 0 && end < m - 1 && stepDirection(y[idx[end]], y[idx[end + 1]]) == dir) {
                end++;
            }
            if (dir != 0 && end - start + 1 >= length) {
                for (int k = start; k <= end; k++) {
                    if (!out[idx[k]]) {
                        out[idx[k]] = true;
                        up[idx[k]] = dir > 0;
                    }
                }
            }
            start = end;
        }
    }

    private static int stepDirection(double a, double b) {
        if (b > a) {
            return 1;
        }
        return b < a ? -1 : 0;
    }

    private static void markTwoOfThree(
            double[] y,
            double centre,
            double[] lower,
            double[] upper,
            double[] lowerNear,
            double[] upperNear,
            int[] idx,
            int m,
            boolean includeBeyond,
            boolean[] out) {
        for (int k = 0; k + 2 < m; k++) {
            int s = side(y[idx[k]], centre);
            if (s == 0 || side(y[idx[k + 1]], centre) != s || side(y[idx[k + 2]], centre) != s) {
                continue;
            }
            int near = 0;
            for (int j = k; j <= k + 2; j++) {
                if (isNear(y, idx[j], s, lower, upper, lowerNear, upperNear, includeBeyond)) {
                    near++;
                }
            }
            if (near >= 2) {
                for (int j = k; j <= k + 2; j++) {
                    if (isNear(y, idx[j], s, lower, upper, lowerNear, upperNear, includeBeyond)) {
                        out[idx[j]] = true;
                    }
                }
            }
        }
    }

    /** Beyond the near line on side {@code s}; beyond the limit only counts when {@code includeBeyond}. */
    private static boolean isNear(
            double[] y,
            int i,
            int s,
            double[] lower,
            double[] upper,
            double[] lowerNear,
            double[] upperNear,
            boolean includeBeyond) {
        double v = y[i];
        if (s > 0) {
            return v > upperNear[i] && (includeBeyond || v <= upper[i]);
        }
        return v < lowerNear[i] && (includeBeyond || v >= lower[i]);
    }
}
