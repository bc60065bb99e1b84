package uk.lhs.common.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Comparator series aligned to the exposed window: only organisations with a finite value in every month the
 * exposed series is analysed are kept (a changing mix of organisations would itself move the control), in code order.
 *
 * @param codes kept organisation codes, sorted
 * @param values values[j][i] of organisation j at exposed window position i
 */
public record ComparatorPanel(List<String> codes, double[][] values) {

    /**
     * Aligns the comparators to the exposed window.
     *
     * @param exposed the exposed window
     * @param comparators series by organisation code
     * @return the complete comparators, in code order
     */
    public static ComparatorPanel align(SeriesWindow exposed, Map<String, List<MonthlyValue>> comparators) {
        List<String> codes = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<MonthlyValue>> e : new TreeMap<>(comparators).entrySet()) {
            Map<LocalDate, Double> byMonth = new HashMap<>();
            for (MonthlyValue v : e.getValue()) {
                byMonth.put(v.periodStart(), v.value());
            }
            double[] row = new double[exposed.size()];
            boolean complete = true;
            for (int i = 0; i < row.length && complete; i++) {
                Double v = byMonth.get(exposed.months()[i]);
                complete = v != null && Double.isFinite(v);
                row[i] = complete ? v : Double.NaN;
            }
            if (complete) {
                codes.add(e.getKey());
                rows.add(row);
            }
        }
        return new ComparatorPanel(codes, rows.toArray(new double[0][]));
    }

    /**
     * Each comparator rescaled to the exposed organisation's pre-period mean: c'_j,t = c_j,t · ȳ_pre / c̄_j,pre. For
     * counts (e.g. pathways waiting over 52 weeks): organisations of different sizes grow in proportion, not in parallel,
     * so the additive parallel-trends assumption of difference-in-differences holds on this scale (common growth rates,
     * the multiplicative form of parallel trends; Angrist &amp; Pischke 2009 §5.2 discuss the choice of scale), while
     * estimates stay in the indicator's own units. A comparator with a non-positive pre-period mean is dropped.
     *
     * @param exposed the exposed window
     * @return the rescaled panel (this panel if the exposed pre-period mean is not positive)
     */
    public ComparatorPanel scaledTo(SeriesWindow exposed) {
        double target = mean(exposed.y(), exposed.post());
        if (!(target > 0)) {
            return this;
        }
        List<String> kept = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int j = 0; j < values.length; j++) {
            double own = mean(values[j], exposed.post());
            if (own > 0) {
                double[] row = new double[values[j].length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = values[j][i] * target / own;
                }
                kept.add(codes.get(j));
                rows.add(row);
            }
        }
        return new ComparatorPanel(kept, rows.toArray(new double[0][]));
    }

    private static double mean(double[] y, boolean[] post) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (!post[i]) {
                sum += y[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Number of kept organisations. */
    public int size() {
        return codes.size();
    }

    /** Mean over the kept organisations at each window position. */
    public double[] mean() {
        int n = values.length == 0 ? 0 : values[0].length;
        double[] m = new double[n];
        for (double[] row : values) {
            for (int i = 0; i < n; i++) {
                m[i] += row[i] / values.length;
            }
        }
        return m;
    }
}
