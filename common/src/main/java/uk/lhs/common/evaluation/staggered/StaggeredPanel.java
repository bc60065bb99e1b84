package uk.lhs.common.evaluation.staggered;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A long panel for {@link StaggeredDid}: one outcome per unit and period, and each unit's first treated period.
 * Periods are integers ≥ 1 (callers map months to consecutive indices); first treated 0 = never treated. An outcome
 * may be NaN (missing); {@link StaggeredDid} then leaves the unit out, as it needs a balanced panel.
 */
public final class StaggeredPanel {
    private final List<String> units;
    private final List<TreeMap<Integer, Double>> outcomes;
    private final int[] firstTreated;

    private StaggeredPanel(List<String> units, List<TreeMap<Integer, Double>> outcomes, int[] firstTreated) {
        this.units = units;
        this.outcomes = outcomes;
        this.firstTreated = firstTreated;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Unit identifiers, in order of first appearance. */
    public List<String> units() {
        return Collections.unmodifiableList(units);
    }

    /** Number of units. */
    public int size() {
        return units.size();
    }

    /** Outcomes of unit {@code i} by period (NaN = missing). */
    Map<Integer, Double> outcomes(int i) {
        return Collections.unmodifiableMap(outcomes.get(i));
    }

    /** First treated period of unit {@code i}, 0 when never treated. */
    int firstTreated(int i) {
        return firstTreated[i];
    }

    /** Collects observations; {@link #build()} checks them. */
    public static final class Builder {
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final List<TreeMap<Integer, Double>> outcomes = new ArrayList<>();
        private final List<Integer> firstTreated = new ArrayList<>();

        private Builder() {}

        /**
         * Adds one observation.
         *
         * @param unit the unit identifier
         * @param period the period, an integer ≥ 1
         * @param y the outcome; NaN when missing
         * @param firstTreated the unit's first treated period, 0 when never treated
         * @throws IllegalArgumentException when the period is below 1, the first treated period negative, the unit's
         *     period already given, or the unit's first treated period different from an earlier row's
         */
        public Builder add(String unit, int period, double y, int firstTreated) {
            if (unit == null) {
                throw new IllegalArgumentException("unit must not be null");
            }
            if (period < 1) {
                throw new IllegalArgumentException(
                        "unit '" + unit + "': period " + period + " is below 1; number periods from 1");
            }
            if (firstTreated < 0) {
                throw new IllegalArgumentException("unit '" + unit + "': first treated period " + firstTreated
                        + " is negative; use 0 for never treated");
            }
            if (Double.isInfinite(y)) {
                throw new IllegalArgumentException("unit '" + unit + "', period " + period + ": outcome is infinite");
            }
            Integer i = index.get(unit);
            if (i == null) {
                i = outcomes.size();
                index.put(unit, i);
                outcomes.add(new TreeMap<>());
                this.firstTreated.add(firstTreated);
            } else if (this.firstTreated.get(i) != firstTreated) {
                throw new IllegalArgumentException("unit '" + unit + "': first treated period " + firstTreated
                        + " differs from " + this.firstTreated.get(i) + " given before; a unit has one");
            }
            if (outcomes.get(i).put(period, y) != null) {
                throw new IllegalArgumentException(
                        "unit '" + unit + "': period " + period + " is given twice; give one outcome per period");
            }
            return this;
        }

        /**
         * The panel.
         *
         * @throws IllegalArgumentException when it is empty
         */
        public StaggeredPanel build() {
            if (index.isEmpty()) {
                throw new IllegalArgumentException("the panel is empty");
            }
            List<TreeMap<Integer, Double>> copies = new ArrayList<>();
            for (TreeMap<Integer, Double> m : outcomes) {
                copies.add(new TreeMap<>(m));
            }
            return new StaggeredPanel(
                    new ArrayList<>(index.keySet()),
                    copies,
                    firstTreated.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
