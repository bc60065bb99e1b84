package uk.lhs.common.evaluation.staggered;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The panel {@link StaggeredDid} estimates on, prepared as R {@code did}'s {@code pre_process_did} does (Callaway
 * &amp; Sant'Anna's package, version 2.x), in the same order: (1) observations with a missing outcome are dropped;
 * (2) units first treated after the last period count as never treated; (3) with no never-treated unit, the
 * never-treated comparison is refused, and the not-yet-treated one keeps only the periods before the last cohort's
 * first period and treats that cohort as never treated; (4) units treated in or before the first period are dropped
 * (no pre-treatment period); (5) units not observed in every remaining period are dropped (a balanced panel, as
 * {@code BMisc::makeBalancedPanel}).
 *
 * @param units unit identifiers
 * @param periods the periods, ascending
 * @param y outcomes, y[unit][period index]
 * @param group first treated period per unit, 0 = never treated (after step 2 and 3)
 * @param cohorts the cohorts, ascending
 * @param droppedUnits units of the input left out
 * @param notes one plain-English line per step that changed something
 */
record BalancedPanel(
        String[] units, int[] periods, double[][] y, int[] group, int[] cohorts, int droppedUnits, List<String> notes) {

    /** Number of units. */
    int n() {
        return units.length;
    }

    static BalancedPanel prepare(StaggeredPanel panel, ControlGroup control) {
        List<String> notes = new ArrayList<>();
        int n0 = panel.size();
        int[] g = new int[n0];
        int missing = 0;
        TreeSet<Integer> times = new TreeSet<>();
        for (int i = 0; i < n0; i++) {
            g[i] = panel.firstTreated(i);
            for (Map.Entry<Integer, Double> e : panel.outcomes(i).entrySet()) {
                if (Double.isNaN(e.getValue())) {
                    missing++;
                } else {
                    times.add(e.getKey());
                }
            }
        }
        if (times.isEmpty()) {
            throw new IllegalArgumentException("every outcome is missing");
        }
        if (missing > 0) {
            notes.add(missing + " observation(s) with a missing outcome dropped");
        }
        int last = times.last();
        int late = 0;
        for (int i = 0; i < n0; i++) {
            if (g[i] > last) {
                g[i] = 0;
                late++;
            }
        }
        if (late > 0) {
            notes.add(late + " unit(s) first treated after the last period (" + last + ") count as never treated");
        }
        boolean anyNever = false;
        int maxG = 0;
        for (int gi : g) {
            anyNever |= gi == 0;
            maxG = Math.max(maxG, gi);
        }
        if (!anyNever) {
            if (control == ControlGroup.NEVER_TREATED) {
                throw new IllegalArgumentException(
                        "no never-treated unit to compare with; use the not-yet-treated comparison group");
            }
            // R did: drop the periods from the last cohort's first period on; that cohort becomes the comparison
            final int cut = maxG;
            times.removeIf(t -> t >= cut);
            for (int i = 0; i < n0; i++) {
                if (g[i] == cut) {
                    g[i] = 0;
                }
            }
            notes.add("no never-treated unit: periods from " + cut + " on dropped and the cohort first treated in "
                    + cut + " used as not yet treated");
            if (times.isEmpty()) {
                throw new IllegalArgumentException("no period before the last cohort's first period " + cut);
            }
        }
        int first = times.first();
        int[] periods = times.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> keep = new ArrayList<>();
        int treatedFirst = 0;
        int unbalanced = 0;
        for (int i = 0; i < n0; i++) {
            if (g[i] > 0 && g[i] <= first) {
                treatedFirst++;
                continue;
            }
            Map<Integer, Double> yi = panel.outcomes(i);
            boolean complete = true;
            for (int t : periods) {
                Double v = yi.get(t);
                if (v == null || Double.isNaN(v)) {
                    complete = false;
                    break;
                }
            }
            if (complete) {
                keep.add(i);
            } else {
                unbalanced++;
            }
        }
        if (treatedFirst > 0) {
            notes.add(treatedFirst + " unit(s) already treated in the first period (" + first
                    + ") dropped: they have no pre-treatment period");
        }
        if (unbalanced > 0) {
            notes.add(unbalanced + " unit(s) not observed in all " + periods.length
                    + " periods dropped: the estimator needs a balanced panel");
        }
        int n = keep.size();
        if (n == 0) {
            throw new IllegalArgumentException("no unit is left after the drops: " + String.join("; ", notes));
        }
        String[] units = new String[n];
        double[][] y = new double[n][periods.length];
        int[] group = new int[n];
        TreeSet<Integer> cohorts = new TreeSet<>();
        for (int k = 0; k < n; k++) {
            int i = keep.get(k);
            units[k] = panel.units().get(i);
            group[k] = g[i];
            if (g[i] > 0) {
                cohorts.add(g[i]);
            }
            Map<Integer, Double> yi = panel.outcomes(i);
            for (int j = 0; j < periods.length; j++) {
                y[k][j] = yi.get(periods[j]);
            }
        }
        if (cohorts.isEmpty()) {
            throw new IllegalArgumentException("no treated cohort is left to estimate"
                    + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
        }
        if (control == ControlGroup.NEVER_TREATED
                && java.util.Arrays.stream(group).allMatch(x -> x > 0)) {
            throw new IllegalArgumentException("no never-treated unit is left to compare with"
                    + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
        }
        return new BalancedPanel(
                units,
                periods,
                y,
                group,
                cohorts.stream().mapToInt(Integer::intValue).toArray(),
                n0 - n,
                List.copyOf(notes));
    }
}
