package uk.lhs.common.synthetic;

/**
 * The summary columns of an RTT incomplete-pathways row, computed from its weekly band counts the NHS England way
 * (shared/data/METHODOLOGY.md "RTT", verified there on every provider x treatment function row of the real
 * Incomplete-Provider files): total = sum of bands; within 18 weeks = sum of the first 18 bands; 52/65/78 plus =
 * sums from band 52/65/78 (including "104 plus"); the median and 92nd percentile interpolate linearly inside 1-week
 * bands, p-th value = k + (p*N - C_k)/n_k where band k is the first whose cumulative count reaches p*N and C_k is
 * the count below it, rounded half-up to 1 decimal; % within 18 weeks is rounded half-up to 1 decimal. The
 * arithmetic is exact (integers), so no value sits on the wrong side of a rounding boundary; reproduces all 22,488
 * rows of the six real files (RttStatsIT).
 *
 * @param total total number of incomplete pathways
 * @param within18 pathways waiting up to 18 weeks
 * @param pctWithin18Tenths % within 18 weeks in tenths of a percent (e.g. 515 for 51.5%), or -1 when total is 0
 * @param medianTenths median wait in tenths of a week, or -1 when total is 0
 * @param p92Tenths 92nd percentile wait in tenths of a week, or -1 when total is 0
 * @param over52 pathways waiting more than 52 weeks
 * @param over78 pathways waiting more than 78 weeks
 * @param over65 pathways waiting more than 65 weeks
 */
record RttStats(
        long total,
        long within18,
        long pctWithin18Tenths,
        long medianTenths,
        long p92Tenths,
        long over52,
        long over78,
        long over65) {

    /** Number of weekly band columns: {@code >0-1} ... {@code >103-104} and {@code 104 plus}. */
    static final int BANDS = 105;
    /** The 18-week operational standard boundary: bands 0..17. */
    static final int WEEKS_18 = 18;
    /** Rows with fewer pathways than this show "-" for the median and 92nd percentile (seen in the real files). */
    static final long MIN_TOTAL_FOR_PERCENTILES = 20;

    /** Computes the statistics of one row of {@value #BANDS} band counts. */
    static RttStats of(long[] bands) {
        if (bands.length != BANDS) {
            throw new IllegalArgumentException("an RTT row has " + BANDS + " bands, got " + bands.length);
        }
        long total = sumFrom(bands, 0, bands.length);
        long within = sumFrom(bands, 0, WEEKS_18);
        long pct = total == 0 ? -1 : Math.floorDiv(2000 * within + total, 2 * total);
        return new RttStats(
                total,
                within,
                pct,
                percentileTenths(bands, total, 1, 2),
                percentileTenths(bands, total, 92, 100),
                sumFrom(bands, 52, bands.length),
                sumFrom(bands, 78, bands.length),
                sumFrom(bands, 65, bands.length));
    }

    /** The (a/b)-th percentile in tenths of a week, rounded half-up; -1 when there are no pathways. */
    static long percentileTenths(long[] bands, long total, long a, long b) {
        if (total == 0) {
            return -1;
        }
        long below = 0;
        for (int k = 0; k < bands.length; k++) {
            long n = bands[k];
            if (n > 0 && b * (below + n) >= a * total) {
                // value*10 = 10k + 10(aN - bC)/(b n); add a half and floor.
                long num = 10 * (a * total - b * below);
                long den = b * n;
                return 10L * k + Math.floorDiv(2 * num + den, 2 * den);
            }
            below += n;
        }
        throw new IllegalStateException("unreachable: cumulative count never reached the percentile");
    }

    private static long sumFrom(long[] v, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s;
    }
}
