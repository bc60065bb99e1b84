package uk.lhs.common.spc;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Anhøj rules for run charts (Anhøj and Olesen 2014, "Run charts revisited", PLoS ONE 9(11): e113825), computed as
 * qicharts2 does (R/helper.functions.R): missing points and points exactly on the centre line are dropped; the
 * variation is non-random when the longest run exceeds round(log2 n) + 3 or the number of crossings is below
 * qbinom(0.05, n − 1, 0.5), n being the number of useful points.
 */
public final class RunChart {
    /** Probability for the lower crossings limit: the 5% binomial quantile (Anhøj and Olesen 2014). */
    static final double CROSSINGS_PROBABILITY = 0.05;
    /** Added to round(log2 n) for the longest-run limit (Anhøj and Olesen 2014). */
    static final int LONGEST_RUN_OFFSET = 3;

    private RunChart() {}

    /**
     * Runs analysis around the median of the non-missing values.
     *
     * @param values the points in order; NaN marks a missing point
     * @return the analysis; with no useful points, no signal and zero limits
     */
    public static RunAnalysis analyse(double[] values) {
        return analyse(values, median(values));
    }

    /**
     * Runs analysis around a given centre line (the chart's mean or Σx/Σn for control charts).
     *
     * @param values the points in order; NaN marks a missing point
     * @param centre the centre line; points exactly equal to it are dropped
     * @return the analysis; with no useful points (or a NaN centre), no signal and zero limits
     */
    public static RunAnalysis analyse(double[] values, double centre) {
        if (Double.isNaN(centre)) {
            // No centre line (no baseline): nothing can be above or below it.
            return new RunAnalysis(centre, values.length, 0, 0, 0, 0, 0, false);
        }
        int useful = 0;
        int longest = 0;
        int run = 0;
        int runs = 0;
        int lastSide = 0;
        for (double v : values) {
            if (Double.isNaN(v) || v == centre) {
                continue;
            }
            int side = v > centre ? 1 : -1;
            useful++;
            if (side == lastSide) {
                run++;
            } else {
                runs++;
                run = 1;
                lastSide = side;
            }
            longest = Math.max(longest, run);
        }
        if (useful == 0) {
            return new RunAnalysis(centre, values.length, 0, 0, 0, 0, 0, false);
        }
        int crossings = runs - 1;
        int longestMax = longestRunMax(useful);
        int crossingsMin = crossingsMin(useful);
        boolean signal = !(crossings >= crossingsMin && longest <= longestMax);
        return new RunAnalysis(centre, values.length, useful, longest, longestMax, crossings, crossingsMin, signal);
    }

    /** round(log2 n) + 3 for n ≥ 1 useful points (R rounds half to even; log2 of an integer is never x.5). */
    public static int longestRunMax(int useful) {
        if (useful < 1) {
            throw new IllegalArgumentException("needs at least one useful point, got " + useful);
        }
        return (int) Math.rint(Math.log(useful) / Math.log(2)) + LONGEST_RUN_OFFSET;
    }

    /**
     * qbinom(0.05, n − 1, 0.5): the smallest x with P(X ≤ x) ≥ 0.05 for X ~ Binomial(n − 1, 1/2), as R defines the
     * quantile; Commons Math's {@code inverseCumulativeProbability} uses the same definition.
     */
    public static int crossingsMin(int useful) {
        if (useful < 1) {
            throw new IllegalArgumentException("needs at least one useful point, got " + useful);
        }
        return new BinomialDistribution(null, useful - 1, 0.5).inverseCumulativeProbability(CROSSINGS_PROBABILITY);
    }

    /**
     * Marks the points of every run longer than {@code maxRun} (Anhøj's "unusually long run"), counting as
     * {@link #analyse(double[], double)} does: missing points and points on the centre line are skipped.
     *
     * @param values the points in order; NaN marks a missing (or excluded) point
     * @param centre the centre line
     * @param maxRun the longest acceptable run
     * @return one flag per point
     */
    public static boolean[] longRuns(double[] values, double centre, int maxRun) {
        boolean[] out = new boolean[values.length];
        int[] members = new int[values.length];
        int size = 0;
        int lastSide = 0;
        for (int i = 0; i <= values.length; i++) {
            boolean end = i == values.length;
            if (!end && (Double.isNaN(values[i]) || values[i] == centre)) {
                continue;
            }
            int side = end ? 0 : (values[i] > centre ? 1 : -1);
            if (side != lastSide) {
                if (size > maxRun) {
                    for (int k = 0; k < size; k++) {
                        out[members[k]] = true;
                    }
                }
                size = 0;
                lastSide = side;
            }
            if (!end) {
                members[size++] = i;
            }
        }
        return out;
    }

    /** Median of the non-missing values (mean of the middle two for an even count); NaN if there are none. */
    public static double median(double[] values) {
        double[] v =
                Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }
}
