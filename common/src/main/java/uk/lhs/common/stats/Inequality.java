package uk.lhs.common.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Slope and relative index of inequality (SII, RII) across deprivation quantiles, as PHE/OHID publish them (PHE
 * "Technical Guide: Calculating the slope index of inequality"; PHEindicatormethods {@code phe_sii}, R/SII.R and
 * {@code SimulationFunc} in R/utils.R).
 *
 * <p>Each quantile i has population share a_i and the midpoint b_i of its cumulative population rank (quantile 1
 * first, from 0 to 1). The indicator value y_i is regressed on b_i by weighted least squares with weights a_i,
 * written as the no-intercept regression of √a_i·y_i on (√a_i, b_i·√a_i). SII is the slope: the modelled gap between
 * the two ends of the rank (rank 1 minus rank 0); RII = (intercept + slope) / intercept.
 *
 * <p>Confidence limits by the PHE Monte Carlo method: each y_i is redrawn from a normal distribution on the
 * transformed scale (log for rates, logit for proportions) with the standard error implied by its 95% limits,
 * transformed back, the regression refitted, and the limits read off the sorted replicates at positions
 * round(R·(1 − c)/2) and round(R·(1 + c)/2). A FIXED seed makes the result deterministic; it cannot equal PHE's R
 * random stream, so limits agree with PHE to Monte Carlo error (about 1% of the CI width at 100,000 replicates).
 *
 * <p>Cost: every SII of one seed, replicate count and number of quantiles redraws the same standard normal deviates
 * (one Well19937c stream from the seed), so they are drawn once per JVM and reused ({@link #standardNormals}); the
 * two limits are order statistics, found by selection (C. A. R. Hoare, "Algorithm 65: FIND", CACM 4(7), 1961;
 * quickselect) instead of sorting all replicates. Both leave every result bit-for-bit what drawing afresh and sorting
 * gave.
 */
public final class Inequality {
    /** PHE default number of simulations. */
    public static final int DEFAULT_REPETITIONS = 100_000;
    /** Fixed seed for the Monte Carlo limits, so reruns give identical numbers. */
    public static final long DEFAULT_SEED = 20_240_401L;
    /** PHE accepts 5 to 100 quantiles (quintiles or deciles in practice). */
    private static final int MIN_QUANTILES = 5;

    private static final int MAX_QUANTILES = 100;
    /** Input limits are 95% limits: se = (T(upper) − T(lower)) / (2 · qnorm(0.975)) (PHE phe_sii, hard-coded 95%). */
    private static final double INPUT_CONFIDENCE = 0.95;
    /** Deviate streams kept per JVM: a few (seed, count) pairs are in use at once (gold, tests, notebooks). */
    private static final int MAX_CACHED_STREAMS = 8;
    /** Largest stream kept (8 MB): 100,000 replicates of up to 10 quantiles; longer ones are drawn each time. */
    private static final int MAX_CACHED_DRAWS = 1_000_000;

    private static final Map<List<Object>, double[]> NORMALS = new ConcurrentHashMap<>();

    private Inequality() {}

    /** How the indicator is transformed for simulation (PHE value_type 0, 1, 2). */
    public enum ValueType {
        /** No transformation (e.g. life expectancy). */
        OTHER,
        /** Log scale (rates). */
        RATE,
        /** Logit scale (proportions on a 0-1 scale). */
        PROPORTION
    }

    /**
     * One deprivation quantile.
     *
     * @param population its population (&gt; 0)
     * @param value the indicator value (proportions on a 0-1 scale)
     * @param lower95 its 95% lower confidence limit
     * @param upper95 its 95% upper confidence limit
     */
    public record Quantile(double population, double value, double lower95, double upper95) {}

    /**
     * Options.
     *
     * @param type transformation used for the simulation
     * @param confidence level of the SII/RII limits, in [0.5, 1)
     * @param repetitions number of simulated replicates (PHE 100,000)
     * @param seed random seed
     * @param multiplier scales SII (e.g. 100 for percentage points); a negative one reverses polarity as in PHE (the
     *     SII changes sign, its limits swap and the RII is inverted)
     */
    public record Options(ValueType type, double confidence, int repetitions, long seed, double multiplier) {
        /** Validates the options. */
        public Options {
            if (!(confidence >= 0.5 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in [0.5, 1), e.g. 0.95, but was " + confidence);
            }
            if (repetitions < 1) {
                throw new IllegalArgumentException(
                        "repetitions must be positive (PHE default 100000), was " + repetitions);
            }
        }

        /** 95% limits, 100,000 replicates, the fixed default seed, multiplier 1. */
        public static Options defaults(ValueType type) {
            return new Options(type, 0.95, DEFAULT_REPETITIONS, DEFAULT_SEED, 1);
        }
    }

    /**
     * SII and RII with their simulated confidence limits.
     *
     * @param sii slope index of inequality × multiplier
     * @param siiLower lower limit of the SII
     * @param siiUpper upper limit of the SII
     * @param rii relative index of inequality (inverted for a negative multiplier)
     * @param riiLower lower limit of the RII
     * @param riiUpper upper limit of the RII
     */
    public record Result(double sii, double siiLower, double siiUpper, double rii, double riiLower, double riiUpper) {}

    /**
     * The population-weighted rank midpoints b_i (PHE FindXValues): a_i/2 plus the shares of the quantiles before i.
     */
    public static double[] rankMidpoints(double[] populations) {
        double total = Arrays.stream(populations).sum();
        double[] b = new double[populations.length];
        double before = 0;
        for (int i = 0; i < populations.length; i++) {
            double share = populations[i] / total;
            b[i] = before + share / 2;
            before += share;
        }
        return b;
    }

    /**
     * Computes SII and RII for quantiles listed from quantile 1 (most deprived, PHE convention) upwards.
     *
     * @throws IllegalArgumentException for fewer than 5 or more than 100 quantiles, a population ≤ 0, missing or
     *     inconsistent limits, or a value outside the range of its transformation (rates ≤ 0, proportions outside
     *     (0, 1)); PHE stops on the same inputs
     */
    public static Result compute(List<Quantile> quantiles, Options options) {
        int k = quantiles.size();
        if (k < MIN_QUANTILES || k > MAX_QUANTILES) {
            throw new IllegalArgumentException("SII needs 5 to 100 quantiles (PHE), got " + k);
        }
        double[] pop = new double[k];
        double[] mean = new double[k];
        double[] se = new double[k];
        double zInput = Quantiles.normal(INPUT_CONFIDENCE + (1 - INPUT_CONFIDENCE) / 2);
        for (int i = 0; i < k; i++) {
            Quantile q = quantiles.get(i);
            if (!(q.population() > 0)) {
                throw new IllegalArgumentException("quantile " + (i + 1) + " has population " + q.population()
                        + "; every quantile needs a positive population");
            }
            if (!(q.lower95() <= q.value() && q.value() <= q.upper95())) {
                throw new IllegalArgumentException("quantile " + (i + 1) + " needs lower95 <= value <= upper95, got "
                        + q.lower95() + ", " + q.value() + ", " + q.upper95());
            }
            pop[i] = q.population();
            mean[i] = transform(q.value(), options.type(), i);
            se[i] = (transform(q.upper95(), options.type(), i) - transform(q.lower95(), options.type(), i))
                    / zInput
                    / 2;
        }
        double[] b = rankMidpoints(pop);
        double total = Arrays.stream(pop).sum();
        double[][] x = new double[k][2];
        double[] sqrtA = new double[k];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            sqrtA[i] = Math.sqrt(pop[i] / total);
            x[i][0] = sqrtA[i];
            x[i][1] = b[i] * sqrtA[i];
            y[i] = sqrtA[i] * quantiles.get(i).value();
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters();
        double sii = beta[1];
        double rii = (beta[0] + beta[1]) / beta[0];

        double[][] sims = simulate(x, sqrtA, mean, se, options);
        double[] simSii = sims[0];
        double[] simRii = sims[1];
        double cv = options.confidence() + (1 - options.confidence()) / 2;
        int reps = options.repetitions();
        // R round() is round-half-even (Math.rint); positions are 1-based in PHE.
        int lowerPos = Math.max(1, (int) Math.rint(reps * (1 - cv)));
        int upperPos = Math.min(reps, (int) Math.rint(reps * cv));
        double siiUpper = select(simSii, 0, reps, upperPos - 1);
        double siiLower = select(simSii, 0, upperPos, lowerPos - 1);
        double riiUpper = select(simRii, 0, reps, upperPos - 1);
        double riiLower = select(simRii, 0, upperPos, lowerPos - 1);
        double m = options.multiplier();
        if (m < 0) {
            // PHE phe_sii: a negative multiplier flips polarity, so the limits swap and the RII is inverted.
            return new Result(m * sii, m * siiUpper, m * siiLower, 1 / rii, 1 / riiUpper, 1 / riiLower);
        }
        return new Result(m * sii, m * siiLower, m * siiUpper, rii, riiLower, riiUpper);
    }

    /** Replicates of (SII, RII): y redrawn on the transformed scale, back-transformed, regression refitted. */
    private static double[][] simulate(double[][] x, double[] sqrtA, double[] mean, double[] se, Options options) {
        RealMatrix design = MatrixUtils.createRealMatrix(x);
        // (X'X)^-1 X': the least-squares coefficients of any y are this times y (PHE invm_m).
        RealMatrix projector = new LUDecomposition(design.transpose().multiply(design))
                .getSolver()
                .getInverse()
                .multiply(design.transpose());
        double[] p0 = projector.getRow(0);
        double[] p1 = projector.getRow(1);
        int reps = options.repetitions();
        int k = mean.length;
        double[] z = standardNormals(options.seed(), reps * k);
        double[] sii = new double[reps];
        double[] rii = new double[reps];
        for (int r = 0; r < reps; r++) {
            double intercept = 0;
            double slope = 0;
            for (int i = 0; i < k; i++) {
                double yi = sqrtA[i] * backTransform(mean[i] + se[i] * z[r * k + i], options.type());
                intercept += p0[i] * yi;
                slope += p1[i] * yi;
            }
            sii[r] = slope;
            rii[r] = (intercept + slope) / intercept;
        }
        return new double[][] {sii, rii};
    }

    /**
     * The first {@code count} standard normal deviates of {@code Well19937c(seed)}, in the order {@code nextGaussian}
     * returns them; drawn once per (seed, count) and shared (read-only) by every SII computed with them.
     */
    static double[] standardNormals(long seed, int count) {
        List<Object> key = List.of(seed, count);
        double[] z = NORMALS.get(key);
        if (z == null) {
            RandomGenerator random = new Well19937c(seed);
            z = new double[count];
            for (int j = 0; j < count; j++) {
                z[j] = random.nextGaussian();
            }
            if (count <= MAX_CACHED_DRAWS) {
                synchronized (NORMALS) {
                    if (NORMALS.size() >= MAX_CACHED_STREAMS) {
                        NORMALS.clear();
                    }
                    NORMALS.put(key, z);
                }
            }
        }
        return z;
    }

    /**
     * The value of rank {@code rank} (0-based) among {@code a[from..to)} in {@link Double#compare} order — the
     * element {@code Arrays.sort} would put at {@code rank} — by Hoare's FIND (quickselect) with a median-of-three
     * pivot. Reorders {@code a[from..to)}: afterwards no element before {@code rank} is greater and none after it is
     * less, so a second, lower rank can be selected in {@code a[from..rank)}.
     */
    static double select(double[] a, int from, int to, int rank) {
        int lo = from;
        int hi = to - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // Median of three to a[mid], then partition around its value (Sedgewick's variant of Hoare's scheme).
            if (Double.compare(a[mid], a[lo]) < 0) {
                swap(a, mid, lo);
            }
            if (Double.compare(a[hi], a[lo]) < 0) {
                swap(a, hi, lo);
            }
            if (Double.compare(a[hi], a[mid]) < 0) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Double.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and every element of a[j+1..i-1] equals the pivot.
            if (rank <= j) {
                hi = j;
            } else if (rank >= i) {
                lo = i;
            } else {
                return a[rank];
            }
        }
        return a[rank];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static double transform(double v, ValueType type, int index) {
        switch (type) {
            case RATE:
                if (!(v > 0)) {
                    throw new IllegalArgumentException("quantile " + (index + 1)
                            + ": a rate and its limits must be > 0 for" + " the log transformation, got " + v);
                }
                return Math.log(v);
            case PROPORTION:
                if (!(v > 0 && v < 1)) {
                    throw new IllegalArgumentException(
                            "quantile " + (index + 1) + ": a proportion and its limits must be in"
                                    + " (0, 1) for the logit transformation (pass 0.25, not 25%), got " + v);
                }
                return Math.log(v / (1 - v));
            default:
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("quantile " + (index + 1) + " has a missing value or limit");
                }
                return v;
        }
    }

    private static double backTransform(double t, ValueType type) {
        return switch (type) {
            case RATE -> Math.exp(t);
            case PROPORTION -> {
                double e = Math.exp(t);
                yield e / (1 + e);
            }
            case OTHER -> t;
        };
    }
}
