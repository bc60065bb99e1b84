package uk.lhs.common.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summing numerators and denominators to a higher level (trust to system, region, England). A rate or proportion
 * at the higher level is Σ numerators / Σ denominators, never an average of the units' rates (which would weight a
 * small trust as much as a large one). As FunnelPlotR aggregate_func and the NHS England "TOTAL" rows.
 */
public final class Aggregation {
    private Aggregation() {}

    /**
     * Summed counts of one group.
     *
     * @param numerator Σ numerators over the units with both values present
     * @param denominator Σ denominators over the same units
     * @param units how many units were summed
     * @param missing how many units were left out because a value was NaN
     */
    public record Totals(double numerator, double denominator, int units, int missing) {
        /** Σ numerator / Σ denominator, or NaN ({@code no_data}) when the denominator is not positive. */
        public double ratio() {
            return denominator > 0 ? numerator / denominator : Double.NaN;
        }

        Totals plus(double num, double den) {
            if (Double.isNaN(num) || Double.isNaN(den)) {
                return new Totals(numerator, denominator, units, missing + 1);
            }
            return new Totals(numerator + num, denominator + den, units + 1, missing);
        }
    }

    /** Sums all units. Arrays must have the same length. */
    public static Totals total(double[] numerators, double[] denominators) {
        checkLengths(numerators.length, denominators.length);
        Totals t = new Totals(0, 0, 0, 0);
        for (int i = 0; i < numerators.length; i++) {
            t = t.plus(numerators[i], denominators[i]);
        }
        return t;
    }

    /**
     * Sums units by group key.
     *
     * @param groups one key per unit
     * @return totals per key, in first-seen order
     */
    public static <K> Map<K, Totals> byGroup(List<K> groups, double[] numerators, double[] denominators) {
        checkLengths(numerators.length, denominators.length);
        checkLengths(groups.size(), numerators.length);
        Map<K, Totals> out = new LinkedHashMap<>();
        for (int i = 0; i < numerators.length; i++) {
            Totals t = out.getOrDefault(groups.get(i), new Totals(0, 0, 0, 0));
            out.put(groups.get(i), t.plus(numerators[i], denominators[i]));
        }
        return out;
    }

    private static void checkLengths(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException(
                    "need one value per unit in every input, but got lengths " + a + " and " + b);
        }
    }
}
