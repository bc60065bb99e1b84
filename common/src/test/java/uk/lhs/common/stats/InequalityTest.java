package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.Inequality.Options;
import uk.lhs.common.stats.Inequality.Quantile;
import uk.lhs.common.stats.Inequality.Result;
import uk.lhs.common.stats.Inequality.ValueType;

/**
 * SII/RII against an independent NumPy computation (R is not installed here). The point estimates use a different
 * formulation, weighted least squares of the value on the rank midpoint with weights a_i:
 *
 * <pre>
 * a = pop/sum(pop); b = cumsum(a) - a/2
 * slope, intercept = np.polyfit(b, value, 1, w=np.sqrt(a)); sii = slope; rii = (intercept + slope)/intercept
 * </pre>
 *
 * The limits were simulated independently with 2,000,000 NumPy replicates (default_rng(1)): se = (T(up) - T(lo)) /
 * norm.ppf(.975) / 2 with T = identity / log / logit; values redrawn on that scale, back-transformed, refitted with
 * np.linalg.pinv of [sqrt(a), b sqrt(a)]; np.quantile(., [.025, .975]). For the untransformed case the SII is linear
 * in y, so its limits are also analytic: sii -/+ 1.96 sd with sd = 0.4872853137849111. Java's 100,000 replicates
 * with a different generator must agree to Monte Carlo error: 1.5% of the interval width (about 5 standard errors).
 */
class InequalityTest {
    private static final double TIGHT = 1e-9;
    private static final double MC_SHARE_OF_WIDTH = 0.015;

    private static List<Quantile> quantiles(double[] pop, double[] value, double[] lower, double[] upper) {
        List<Quantile> q = new ArrayList<>();
        for (int i = 0; i < pop.length; i++) {
            q.add(new Quantile(pop[i], value[i], lower[i], upper[i]));
        }
        return q;
    }

    private static List<Quantile> lifeExpectancy() {
        double[] le = {76.1, 78.0, 79.3, 80.6, 82.4};
        double[] lo = new double[5];
        double[] up = new double[5];
        for (int i = 0; i < 5; i++) {
            lo[i] = le[i] - 0.6;
            up[i] = le[i] + 0.6;
        }
        return quantiles(new double[] {61000, 58500, 60200, 59800, 62300}, le, lo, up);
    }

    private static void assertWithinMonteCarlo(double expectedLower, double expectedUpper, double lower, double upper) {
        double tolerance = MC_SHARE_OF_WIDTH * (expectedUpper - expectedLower);
        assertEquals(expectedLower, lower, tolerance, "lower limit");
        assertEquals(expectedUpper, upper, tolerance, "upper limit");
    }

    @Test
    void rankMidpointsArePopulationWeighted() {
        double[] b = Inequality.rankMidpoints(new double[] {10, 30, 60});
        assertEquals(0.05, b[0], 1e-15);
        assertEquals(0.25, b[1], 1e-15);
        assertEquals(0.70, b[2], 1e-15);
    }

    @Test
    void untransformedValuesMatchWeightedRegressionAndAnalyticLimits() {
        Result r = Inequality.compute(lifeExpectancy(), Options.defaults(ValueType.OTHER));
        assertEquals(7.658958836424329, r.sii(), TIGHT);
        assertEquals(1.1014844810623974, r.rii(), TIGHT);
        assertWithinMonteCarlo(6.703897171210604, 8.614020501638054, r.siiLower(), r.siiUpper());
        assertWithinMonteCarlo(1.088263643952433, 1.114855430299072, r.riiLower(), r.riiUpper());
    }

    @Test
    void ratesMatchIndependentSimulation() {
        List<Quantile> q = quantiles(
                new double[] {12000, 11500, 10800, 10200, 9800},
                new double[] {820, 700, 610, 540, 480},
                new double[] {654.2, 546.0, 466.5, 405.1, 352.6},
                new double[] {1015.8, 883.1, 785.0, 705.7, 638.4});
        Result r = Inequality.compute(q, Options.defaults(ValueType.RATE));
        assertEquals(-424.7498795835878, r.sii(), 1e-7);
        assertEquals(0.5010181557584676, r.rii(), TIGHT);
        assertWithinMonteCarlo(-693.0193839482118, -165.6772011926806, r.siiLower(), r.siiUpper());
        assertWithinMonteCarlo(0.311217589257564, 0.7705636066910027, r.riiLower(), r.riiUpper());
    }

    @Test
    void proportionsMatchIndependentSimulation() {
        List<Quantile> q = quantiles(
                new double[] {500, 520, 480, 510, 490},
                new double[] {0.22, 0.19, 0.17, 0.15, 0.12},
                new double[] {0.185901, 0.158602, 0.139047, 0.121632, 0.094143},
                new double[] {0.258369, 0.225945, 0.206193, 0.183601, 0.151769});
        Result r = Inequality.compute(q, Options.defaults(ValueType.PROPORTION));
        assertEquals(-0.11975097509750966, r.sii(), TIGHT);
        assertEquals(0.4796953295665292, r.rii(), TIGHT);
        assertWithinMonteCarlo(-0.17142045298481595, -0.06793324883554921, r.siiLower(), r.siiUpper());
        assertWithinMonteCarlo(0.3355568332290589, 0.6679851313985584, r.riiLower(), r.riiUpper());
    }

    @Test
    void fixedSeedIsDeterministicAndTheSeedMatters() {
        Options a = new Options(ValueType.OTHER, 0.95, 20_000, 7L, 1);
        Result first = Inequality.compute(lifeExpectancy(), a);
        assertEquals(first, Inequality.compute(lifeExpectancy(), a));
        Result other = Inequality.compute(lifeExpectancy(), new Options(ValueType.OTHER, 0.95, 20_000, 8L, 1));
        assertNotEquals(first.siiLower(), other.siiLower());
        assertEquals(first.sii(), other.sii());
    }

    @Test
    void negativeMultiplierReversesPolarityAsPhe() {
        Options base = new Options(ValueType.OTHER, 0.95, 20_000, 7L, 1);
        Options reversed = new Options(ValueType.OTHER, 0.95, 20_000, 7L, -1);
        Result r = Inequality.compute(lifeExpectancy(), base);
        Result n = Inequality.compute(lifeExpectancy(), reversed);
        assertEquals(-r.sii(), n.sii(), 1e-12);
        assertEquals(-r.siiUpper(), n.siiLower(), 1e-12);
        assertEquals(1 / r.rii(), n.rii(), 1e-12);
        assertEquals(1 / r.riiUpper(), n.riiLower(), 1e-12);
    }

    @Test
    void invalidInputsAreRejectedWithReasons() {
        List<Quantile> four = lifeExpectancy().subList(0, 4);
        assertThrows(IllegalArgumentException.class, () -> Inequality.compute(four, Options.defaults(ValueType.OTHER)));
        List<Quantile> zeroPop = new ArrayList<>(lifeExpectancy());
        zeroPop.set(2, new Quantile(0, 79.3, 78.7, 79.9));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Inequality.compute(zeroPop, Options.defaults(ValueType.OTHER)));
        assertTrue(e.getMessage().contains("quantile 3"));
        List<Quantile> percent = new ArrayList<>(lifeExpectancy());
        assertThrows(
                IllegalArgumentException.class,
                () -> Inequality.compute(percent, Options.defaults(ValueType.PROPORTION)));
    }

    @Test
    void selectionFindsWhatSortingPutsAtEachRankIncludingTiesSignedZerosAndNaN() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(200);
            double[] a = new double[n];
            for (int j = 0; j < n; j++) {
                int kind = random.nextInt(10);
                a[j] = kind == 0 ? Double.NaN : kind == 1 ? -0.0 : kind == 2 ? 0.0 : random.nextInt(20) - 10;
            }
            double[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            int upper = random.nextInt(n);
            int lower = random.nextInt(upper + 1);
            double[] work = a.clone();
            // The same two calls as compute(): the upper rank first, then the lower one among the values below it.
            assertEquals(Double.valueOf(sorted[upper]), Double.valueOf(Inequality.select(work, 0, n, upper)));
            assertEquals(Double.valueOf(sorted[lower]), Double.valueOf(Inequality.select(work, 0, upper + 1, lower)));
        }
    }

    @Test
    void sharedDeviatesAndSelectionGiveBitForBitTheResultOfFreshDrawsAndFullSorts() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            ValueType type = ValueType.values()[trial % 3];
            int k = 5 + random.nextInt(6);
            List<Quantile> q = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                double value = type == ValueType.PROPORTION
                        ? 0.05 + 0.5 * random.nextDouble()
                        : type == ValueType.RATE ? 1 + 50 * random.nextDouble() : 70 + 10 * random.nextDouble();
                double half = type == ValueType.PROPORTION ? 0.04 * random.nextDouble() : 0.5 * random.nextDouble();
                q.add(new Quantile(50 + random.nextInt(500), value, value - half, value + half));
            }
            int reps = trial % 4 == 0 ? 1 + random.nextInt(50) : 10_000;
            double confidence = trial % 5 == 0 ? 0.998 : 0.95;
            double multiplier = trial % 7 == 0 ? -100 : 1;
            Options options = new Options(type, confidence, reps, Inequality.DEFAULT_SEED + trial % 3, multiplier);
            assertEquals(ReferenceSii.compute(q, options), Inequality.compute(q, options), "trial " + trial);
            // A second call reuses the deviates drawn by the first.
            assertEquals(ReferenceSii.compute(q, options), Inequality.compute(q, options), "trial " + trial);
        }
    }

    /**
     * The Monte Carlo limits as first written (commit 73aa4c6): a fresh Well19937c per SII and both replicate arrays
     * sorted. Kept here as the reference the faster code must equal exactly.
     */
    private static final class ReferenceSii {
        static Result compute(List<Quantile> quantiles, Options options) {
            int k = quantiles.size();
            double z = Quantiles.normal(0.975);
            double[] pop = new double[k];
            double[] mean = new double[k];
            double[] se = new double[k];
            for (int i = 0; i < k; i++) {
                Quantile q = quantiles.get(i);
                pop[i] = q.population();
                mean[i] = t(q.value(), options.type());
                se[i] = (t(q.upper95(), options.type()) - t(q.lower95(), options.type())) / z / 2;
            }
            double[] b = Inequality.rankMidpoints(pop);
            double total = java.util.Arrays.stream(pop).sum();
            double[][] x = new double[k][2];
            double[] sqrtA = new double[k];
            double[] y = new double[k];
            for (int i = 0; i < k; i++) {
                sqrtA[i] = Math.sqrt(pop[i] / total);
                x[i][0] = sqrtA[i];
                x[i][1] = b[i] * sqrtA[i];
                y[i] = sqrtA[i] * quantiles.get(i).value();
            }
            var ols = new org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression();
            ols.setNoIntercept(true);
            ols.newSampleData(y, x);
            double[] beta = ols.estimateRegressionParameters();
            double sii = beta[1];
            double rii = (beta[0] + beta[1]) / beta[0];
            var design = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(x);
            var projector = new org.apache.commons.math3.linear.LUDecomposition(
                            design.transpose().multiply(design))
                    .getSolver()
                    .getInverse()
                    .multiply(design.transpose());
            double[] p0 = projector.getRow(0);
            double[] p1 = projector.getRow(1);
            var random = new org.apache.commons.math3.random.Well19937c(options.seed());
            int reps = options.repetitions();
            double[] simSii = new double[reps];
            double[] simRii = new double[reps];
            for (int r = 0; r < reps; r++) {
                double intercept = 0;
                double slope = 0;
                for (int i = 0; i < k; i++) {
                    double yi = sqrtA[i] * back(mean[i] + se[i] * random.nextGaussian(), options.type());
                    intercept += p0[i] * yi;
                    slope += p1[i] * yi;
                }
                simSii[r] = slope;
                simRii[r] = (intercept + slope) / intercept;
            }
            double cv = options.confidence() + (1 - options.confidence()) / 2;
            int lowerPos = Math.max(1, (int) Math.rint(reps * (1 - cv)));
            int upperPos = Math.min(reps, (int) Math.rint(reps * cv));
            java.util.Arrays.sort(simSii);
            java.util.Arrays.sort(simRii);
            double m = options.multiplier();
            if (m < 0) {
                return new Result(
                        m * sii,
                        m * simSii[upperPos - 1],
                        m * simSii[lowerPos - 1],
                        1 / rii,
                        1 / simRii[upperPos - 1],
                        1 / simRii[lowerPos - 1]);
            }
            return new Result(
                    m * sii,
                    m * simSii[lowerPos - 1],
                    m * simSii[upperPos - 1],
                    rii,
                    simRii[lowerPos - 1],
                    simRii[upperPos - 1]);
        }

        private static double t(double v, ValueType type) {
            return switch (type) {
                case RATE -> Math.log(v);
                case PROPORTION -> Math.log(v / (1 - v));
                case OTHER -> v;
            };
        }

        private static double back(double t, ValueType type) {
            return switch (type) {
                case RATE -> Math.exp(t);
                case PROPORTION -> Math.exp(t) / (1 + Math.exp(t));
                case OTHER -> t;
            };
        }
    }
}
