package uk.lhs.common.stats;

import java.util.Arrays;

/** R-compatible order statistics used by the funnel and inequality code (package-private). */
final class Ranks {
    private Ranks() {}

    /** R {@code rank(x, ties.method = "average")}: 1-based ranks, ties given their mean rank. */
    static double[] averageRanks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] ranks = new double[x.length];
        int i = 0;
        while (i < x.length) {
            int j = i;
            while (j + 1 < x.length && Double.compare(x[order[j + 1]], x[order[i]]) == 0) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mean;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** R {@code quantile(x, p, type = 7)}: linear interpolation between order statistics at (n − 1)p. */
    static double quantileType7(double[] x, double p) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}
