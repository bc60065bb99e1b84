package uk.lhs.common.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams and the few distributions the generator draws from.
 *
 * <p>Every stream ({@code name}, {@code index}) gets its own {@link SplittableRandom} whose seed is the SplitMix64
 * finaliser of (master seed, FNV-1a hash of the name, index), so a value never depends on how many numbers another
 * stream consumed or on thread timing. SplitMix64 constants: Steele, Lea &amp; Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014 (the generator behind {@code SplittableRandom}); FNV-1a: Fowler/Noll/Vo, IETF draft
 * draft-eastlake-fnv. All transcendental functions are {@link StrictMath} so the bytes are the same on every JVM
 * and CPU.
 */
final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;
    /** Below this many trials a binomial is drawn exactly, trial by trial; above it by the normal approximation. */
    private static final int EXACT_BINOMIAL_LIMIT = 60;
    /** Below this expected count a binomial with many trials is drawn as a Poisson. */
    private static final double SMALL_MEAN = 20;

    private Seeds() {}

    /** A fresh random stream for ({@code name}, {@code index}) under master {@code seed}. */
    static SplittableRandom stream(long seed, String name, long index) {
        long h = FNV_OFFSET;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        long z = mix(seed + GOLDEN_GAMMA);
        z = mix(z ^ h);
        z = mix(z + index * GOLDEN_GAMMA);
        return new SplittableRandom(z);
    }

    private static long mix(long x) {
        long z = x;
        z = (z ^ (z >>> 30)) * MIX_1;
        z = (z ^ (z >>> 27)) * MIX_2;
        return z ^ (z >>> 31);
    }

    /** Standard normal by the Box–Muller transform (deterministic: no cached second value). */
    static double normal(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /**
     * Binomial(n, p): exact for small n; Poisson(np) when np is small; otherwise the rounded normal approximation
     * N(np, np(1-p)) clamped to [0, n] (adequate for synthetic counts; the mean is exact up to rounding).
     */
    static long binomial(SplittableRandom r, long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n * p < SMALL_MEAN && n > EXACT_BINOMIAL_LIMIT) {
            // Rare events among many trials: the Poisson limit is far better than the normal approximation.
            return Math.min(n, poisson(r, n * p));
        }
        if (n <= EXACT_BINOMIAL_LIMIT) {
            long k = 0;
            for (long i = 0; i < n; i++) {
                if (r.nextDouble() < p) {
                    k++;
                }
            }
            return k;
        }
        double mean = n * p;
        double sd = Math.sqrt(mean * (1 - p));
        long k = Math.round(mean + sd * normal(r));
        return Math.max(0, Math.min(n, k));
    }

    /** Poisson(mean) by inversion for small means, normal approximation for large ones. */
    static long poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > EXACT_BINOMIAL_LIMIT) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(r)));
        }
        double l = StrictMath.exp(-mean);
        long k = 0;
        double prod = r.nextDouble();
        while (prod > l) {
            k++;
            prod *= r.nextDouble();
        }
        return k;
    }

    /** Index drawn with probability proportional to {@code weights} (non-negative, not all zero). */
    static int weighted(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /**
     * Splits {@code n} items over cells with probabilities proportional to {@code weights} (a multinomial draw made of
     * sequential conditional binomials).
     */
    static long[] multinomial(SplittableRandom r, long n, double[] weights) {
        long[] out = new long[weights.length];
        double remainingWeight = 0;
        for (double w : weights) {
            remainingWeight += w;
        }
        long remaining = n;
        for (int i = 0; i < weights.length && remaining > 0; i++) {
            if (i == weights.length - 1 || remainingWeight <= 0) {
                out[i] = remaining;
                break;
            }
            long k = binomial(r, remaining, Math.min(1.0, weights[i] / remainingWeight));
            out[i] = k;
            remaining -= k;
            remainingWeight -= weights[i];
        }
        return out;
    }
}
