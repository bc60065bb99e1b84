package uk.lhs.common.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * Percentiles of a waiting-time distribution known only as counts in one-week bands, as NHS England publishes the
 * RTT median and 92nd percentile (RTT Statistical Press Notice: "calculated from aggregate data ... therefore
 * estimates"; method verified on every provider × treatment-function row, METHODOLOGY.md "RTT"): the p-th value is
 * k + (p·N − C_k)/n_k, where band k covers k..k+1 weeks, n_k is its count, C_k the count in the bands before it,
 * and k is the first band whose cumulative count reaches p·N. Published rounded half-up to 1 decimal.
 *
 * <p>Input is the 105 bands of the Incomplete-Provider files: &gt;0-1, &gt;1-2, ..., &gt;103-104 weeks, then
 * "104 plus". A percentile that falls in the open 104-plus band has no finite value and is empty.
 */
public final class BandedPercentile {
    /** One-week bands >0-1 ... >103-104 plus the open "104 plus" band. */
    public static final int BANDS = 105;
    /** The RTT median. */
    public static final BigDecimal MEDIAN = new BigDecimal("0.5");
    /** The RTT 92nd percentile (the 18-week standard is 92% of incomplete pathways). */
    public static final BigDecimal P92 = new BigDecimal("0.92");
    /**
     * NHS England prints "-" for both percentiles where a provider × treatment function has fewer than this many
     * incomplete pathways: observed on every row of the April-September 2024 Incomplete-Provider files (no row under
     * 20 is published, every row from 20 is); we found no written rule.
     */
    public static final long MIN_PATHWAYS_PUBLISHED = 20;

    private static final int PUBLISHED_DECIMALS = 1;

    private BandedPercentile() {}

    /**
     * The p-th percentile in weeks, unrounded.
     *
     * @param bandCounts 105 non-negative counts
     * @param p the percentile as a fraction, e.g. {@link #MEDIAN} or {@link #P92}
     * @return the interpolated value; empty when there are no pathways or it falls in the 104-plus band
     */
    public static OptionalDouble percentile(long[] bandCounts, BigDecimal p) {
        BigDecimal exact = exactPercentile(bandCounts, p);
        return exact == null ? OptionalDouble.empty() : OptionalDouble.of(exact.doubleValue());
    }

    /**
     * The p-th percentile in weeks as NHS England publishes it: rounded half-up to 1 decimal. The arithmetic is exact
     * (decimal), so a value that is exactly x.x5 rounds up as the published figures do.
     *
     * @return the published value; empty when there are no pathways or it falls in the 104-plus band
     */
    public static OptionalDouble published(long[] bandCounts, BigDecimal p) {
        BigDecimal exact = exactPercentile(bandCounts, p);
        return exact == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(
                        exact.setScale(PUBLISHED_DECIMALS, RoundingMode.HALF_UP).doubleValue());
    }

    /** Whether NHS England would print the percentiles for this many pathways (see {@link #MIN_PATHWAYS_PUBLISHED}). */
    public static boolean isPublished(long totalPathways) {
        return totalPathways >= MIN_PATHWAYS_PUBLISHED;
    }

    private static BigDecimal exactPercentile(long[] bandCounts, BigDecimal p) {
        if (bandCounts.length != BANDS) {
            throw new IllegalArgumentException(
                    "expected " + BANDS + " band counts (>0-1 ... >103-104, 104 plus) but got " + bandCounts.length);
        }
        if (p.signum() <= 0 || p.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("percentile must be a fraction in (0, 1], e.g. 0.92, but was " + p);
        }
        long total = 0;
        for (long c : bandCounts) {
            if (c < 0) {
                throw new IllegalArgumentException("band counts must be non-negative, got " + c);
            }
            total += c;
        }
        if (total == 0) {
            return null;
        }
        BigDecimal target = p.multiply(BigDecimal.valueOf(total));
        long before = 0;
        for (int k = 0; k < BANDS - 1; k++) {
            long n = bandCounts[k];
            if (n > 0 && BigDecimal.valueOf(before + n).compareTo(target) >= 0) {
                BigDecimal within = target.subtract(BigDecimal.valueOf(before));
                // 30 decimals: a quotient of whole numbers that is not exactly a tie (x.x5) cannot come within 1e-30 of
                // one
                // for any realistic count, so rounding this to 1 decimal equals rounding the exact value.
                return BigDecimal.valueOf(k).add(within.divide(BigDecimal.valueOf(n), 30, RoundingMode.HALF_EVEN));
            }
            before += n;
        }
        return null;
    }
}
