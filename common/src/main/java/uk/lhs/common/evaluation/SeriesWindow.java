package uk.lhs.common.evaluation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A monthly series split at the intervention: months before the start are "pre", months from the first post month
 * on are "post", and the implementation period between them is dropped. Missing (NaN) values are dropped and
 * counted as gaps.
 *
 * @param months the kept months, ascending
 * @param y the kept values
 * @param t month index of each kept value, counted from the first kept month (0-based), so gaps keep their spacing
 * @param post whether each kept value is on the post side
 * @param t0 month index of the first post month
 * @param gaps months missing between the first and last kept month (excluding the implementation period)
 */
public record SeriesWindow(LocalDate[] months, double[] y, int[] t, boolean[] post, int t0, int gaps) {

    /**
     * Splits {@code series} at the intervention.
     *
     * @param series monthly values in any order (one per month)
     * @param start first month of the intervention
     * @param firstPost first month counted as post (start + implementation period)
     * @return the window (possibly with no points)
     * @throws IllegalArgumentException if a month appears twice
     */
    public static SeriesWindow of(List<MonthlyValue> series, LocalDate start, LocalDate firstPost) {
        List<MonthlyValue> sorted = new ArrayList<>(series);
        sorted.sort(Comparator.comparing(MonthlyValue::periodStart));
        Set<LocalDate> seen = new HashSet<>();
        List<MonthlyValue> kept = new ArrayList<>();
        for (MonthlyValue v : sorted) {
            if (!seen.add(v.periodStart())) {
                throw new IllegalArgumentException("month " + v.periodStart() + " appears twice in one series");
            }
            boolean inImplementation =
                    !v.periodStart().isBefore(start) && v.periodStart().isBefore(firstPost);
            if (!inImplementation && Double.isFinite(v.value())) {
                kept.add(v);
            }
        }
        int n = kept.size();
        LocalDate[] months = new LocalDate[n];
        double[] y = new double[n];
        int[] t = new int[n];
        boolean[] post = new boolean[n];
        LocalDate origin = n == 0 ? firstPost : kept.get(0).periodStart();
        for (int i = 0; i < n; i++) {
            months[i] = kept.get(i).periodStart();
            y[i] = kept.get(i).value();
            t[i] = (int) ChronoUnit.MONTHS.between(origin, months[i]);
            post[i] = !months[i].isBefore(firstPost);
        }
        int t0 = (int) ChronoUnit.MONTHS.between(origin, firstPost);
        int gaps = 0;
        if (n > 1) {
            int span = t[n - 1] + 1;
            boolean straddles = months[0].isBefore(start) && !months[n - 1].isBefore(firstPost);
            int implementation = straddles ? (int) ChronoUnit.MONTHS.between(start, firstPost) : 0;
            gaps = span - implementation - n;
        }
        return new SeriesWindow(months, y, t, post, t0, gaps);
    }

    /** Number of kept values. */
    public int size() {
        return y.length;
    }

    /** Number of pre-period values. */
    public int nPre() {
        int c = 0;
        for (boolean p : post) {
            c += p ? 0 : 1;
        }
        return c;
    }

    /** Number of post-period values. */
    public int nPost() {
        return size() - nPre();
    }

    /** Pre-period values in month order. */
    public double[] preValues() {
        return pick(false);
    }

    /** Post-period values in month order. */
    public double[] postValues() {
        return pick(true);
    }

    private double[] pick(boolean side) {
        double[] out = new double[side ? nPost() : nPre()];
        int j = 0;
        for (int i = 0; i < y.length; i++) {
            if (post[i] == side) {
                out[j++] = y[i];
            }
        }
        return out;
    }
}
