package uk.lhs.common.evaluation.staggered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap against the influence functions' analytic variance, its stability across seeds, and the TWFE
 * estimate against a known effect and against the Goodman-Bacon (2021) decomposition.
 */
class StaggeredDidRandomTest {
    /**
     * A staggered panel: unit i is never treated when i mod (cohorts+1) = 0, else in cohort cohorts[i mod (k+1) − 1];
     * y = unit effect + period effect + (1 + 0.5·(t − g))·(1 + cohort index) after treatment + N(0,1) noise.
     */
    static StaggeredPanel panel(int units, int periods, int[] cohorts, long seed) {
        Random r = new Random(seed);
        StaggeredPanel.Builder b = StaggeredPanel.builder();
        double[] period = new double[periods + 1];
        for (int t = 1; t <= periods; t++) {
            period[t] = r.nextGaussian() + 0.3 * t;
        }
        for (int i = 0; i < units; i++) {
            int c = i % (cohorts.length + 1);
            int g = c == 0 ? 0 : cohorts[c - 1];
            double unit = 2 * r.nextGaussian();
            for (int t = 1; t <= periods; t++) {
                double effect = g > 0 && t >= g ? (1 + 0.5 * (t - g)) * c : 0;
                b.add("u" + i, t, unit + period[t] + effect + r.nextGaussian(), g);
            }
        }
        return b.build();
    }

    @Test
    void bootstrapStandardErrorsAgreeWithTheInfluenceFunctions() {
        StaggeredPanel p = panel(90, 8, new int[] {4, 6}, 11);
        StaggeredOptions o = new StaggeredOptions(ControlGroup.NEVER_TREATED, BasePeriod.VARYING, 4999, 5);
        StaggeredResult r = StaggeredDid.estimate(p, o);
        List<StaggeredDid.Estimate> all =
                StaggeredDid.pointEstimates(p, o).stream().flatMap(List::stream).toList();
        assertEquals(all.size(), r.rows().size());
        double worst = 0;
        for (int k = 0; k < all.size(); k++) {
            double rel = Math.abs(r.rows().get(k).se() / all.get(k).analyticSe() - 1);
            worst = Math.max(worst, rel);
        }
        // the IQR rule with 4999 draws: relative sd about 1.7%
        System.out.println("bootstrap (4999 draws) vs analytic SE: largest relative gap " + worst);
        assertTrue(worst < 0.08, "largest relative gap between bootstrap and analytic SE: " + worst);
    }

    /**
     * The IQR rule's Monte Carlo error: with B draws the relative sd of one standard error is about 1.17/√B (3.7% at
     * 999, 1.7% at 4999), so three seeds agree to a few percent.
     */
    @Test
    void bootstrapStandardErrorsAreStableAcrossSeeds() {
        StaggeredPanel p = panel(90, 8, new int[] {4, 6}, 12);
        double overall999 = worstSeedDeviation(p, 999, true);
        double all4999 = worstSeedDeviation(p, 4999, false);
        System.out.println(
                "seed stability: overall SEs, 999 draws " + overall999 + "; every SE, 4999 draws " + all4999);
        assertTrue(overall999 < 0.10, "overall SEs differ across seeds (999 draws) by up to " + overall999);
        assertTrue(all4999 < 0.06, "SEs differ across seeds (4999 draws) by up to " + all4999);
    }

    /** Largest relative deviation of a standard error from its mean over seeds 100, 101, 102. */
    private static double worstSeedDeviation(StaggeredPanel p, int draws, boolean overallOnly) {
        double[][] se = new double[3][];
        for (int s = 0; s < 3; s++) {
            StaggeredOptions o = new StaggeredOptions(ControlGroup.NEVER_TREATED, BasePeriod.VARYING, draws, 100 + s);
            se[s] = StaggeredDid.estimate(p, o).rows().stream()
                    .filter(r -> !overallOnly || r.isOverall())
                    .mapToDouble(StaggeredRow::se)
                    .toArray();
        }
        double worst = 0;
        for (int k = 0; k < se[0].length; k++) {
            double mean = (se[0][k] + se[1][k] + se[2][k]) / 3;
            for (double[] s : se) {
                worst = Math.max(worst, Math.abs(s[k] / mean - 1));
            }
        }
        return worst;
    }

    @Test
    void sameSeedSameResult() {
        StaggeredPanel p = panel(30, 6, new int[] {3, 5}, 3);
        assertEquals(
                StaggeredDid.estimate(p, StaggeredOptions.defaults()),
                StaggeredDid.estimate(p, StaggeredOptions.defaults()));
    }

    @Test
    void twfeRecoversAHomogeneousEffect() {
        StaggeredPanel.Builder b = StaggeredPanel.builder();
        Random r = new Random(1);
        for (int i = 0; i < 12; i++) {
            int g = new int[] {0, 3, 5}[i % 3];
            double a = r.nextGaussian();
            for (int t = 1; t <= 7; t++) {
                b.add("u" + i, t, a + 0.7 * t * t + (g > 0 && t >= g ? 2.5 : 0), g);
            }
        }
        StaggeredResult res = StaggeredDid.estimate(b.build(), StaggeredOptions.defaults());
        assertEquals(2.5, res.twfe().estimate(), 1e-10);
        assertEquals(0.0, res.twfe().se(), 1e-10);
        assertEquals(2.5, res.overall(StaggeredResult.SIMPLE).estimate(), 1e-10);
    }

    /**
     * Never treated U, cohort k first treated in 4 and cohort l in 8, periods 1–10, two units each, no noise; the
     * effect grows with time since treatment, 1 + (t − g). TWFE equals the Goodman-Bacon (2021, Theorem 1, eq. 10)
     * variance-weighted average of the 2×2 comparisons — k and l against U, k against l before l is treated, and l
     * against the already-treated k — and is biased for the average effect on the treated (here downward, because
     * the late-vs-early comparison subtracts k's growing effect).
     */
    @Test
    void twfeIsTheGoodmanBaconWeightedAverageAndBiasedUnderHeterogeneity() {
        int nT = 10;
        int gk = 4;
        int gl = 8;
        StaggeredPanel.Builder b = StaggeredPanel.builder();
        double[][] yMean = new double[3][nT + 1]; // U, k, l: group means by period
        int[] groups = {0, gk, gl};
        for (int c = 0; c < 3; c++) {
            for (int u = 0; u < 2; u++) {
                double a = 3 * c + u;
                for (int t = 1; t <= nT; t++) {
                    int g = groups[c];
                    double y = a + Math.sin(t) + (g > 0 && t >= g ? 1 + (t - g) : 0);
                    b.add(c + "-" + u, t, y, g);
                    yMean[c][t] += y / 2;
                }
            }
        }
        StaggeredResult res = StaggeredDid.estimate(b.build(), StaggeredOptions.defaults());
        // 2x2 DiDs over windows: PRE(k) = 1..3, MID = 4..7, POST(l) = 8..10, POST(k) = 4..10
        double bkU = diff(yMean[1], yMean[0], 4, 10, 1, 3);
        double blU = diff(yMean[2], yMean[0], 8, 10, 1, 7);
        double bkl = diff(yMean[1], yMean[2], 4, 7, 1, 3);
        double blk = diff(yMean[2], yMean[1], 8, 10, 4, 7);
        double nk = 1.0 / 3;
        double nl = 1.0 / 3;
        double nU = 1.0 / 3;
        double dk = 7.0 / nT;
        double dl = 3.0 / nT;
        double nkU = nk / (nk + nU);
        double nlU = nl / (nl + nU);
        double nkl = nk / (nk + nl);
        double skU = sq(nk + nU) * nkU * (1 - nkU) * dk * (1 - dk);
        double slU = sq(nl + nU) * nlU * (1 - nlU) * dl * (1 - dl);
        double sKl = sq((nk + nl) * (1 - dl)) * nkl * (1 - nkl) * (dk - dl) / (1 - dl) * (1 - dk) / (1 - dl);
        double sLk = sq((nk + nl) * dk) * nkl * (1 - nkl) * dl / dk * (dk - dl) / dk;
        double total = skU + slU + sKl + sLk;
        double bacon = (skU * bkU + slU * blU + sKl * bkl + sLk * blk) / total;
        assertEquals(bacon, res.twfe().estimate(), 1e-10);
        // the group-time effects recover the truth exactly: ATT(g,t) = 1 + (t - g)
        for (StaggeredRow row : res.rows(StaggeredResult.ATT_GT)) {
            double truth = row.time() >= row.group() ? 1 + row.time() - row.group() : 0;
            assertEquals(truth, row.estimate(), 1e-10, row.toString());
        }
        // true simple ATT: cohort k effects 1..7 (mean 4), l 1..3 (mean 2), cell-weighted 7:3
        double simple = (7 * 4.0 + 3 * 2.0) / 10;
        assertEquals(simple, res.overall(StaggeredResult.SIMPLE).estimate(), 1e-10);
        assertTrue(res.twfe().estimate() < simple - 1, "TWFE " + res.twfe().estimate() + " vs ATT " + simple);
    }

    /** (mean of a over [p0,p1] − over [q0,q1]) − (same for b). */
    private static double diff(double[] a, double[] b, int p0, int p1, int q0, int q1) {
        return (mean(a, p0, p1) - mean(a, q0, q1)) - (mean(b, p0, p1) - mean(b, q0, q1));
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int t = from; t <= to; t++) {
            s += x[t];
        }
        return s / (to - from + 1);
    }

    private static double sq(double x) {
        return x * x;
    }
}
