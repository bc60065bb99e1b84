package uk.lhs.common.evaluation.staggered;

import java.util.List;

/**
 * A staggered difference-in-differences: the group-time effects and their aggregations, the placebo pre-test and the
 * TWFE estimate beside them.
 *
 * @param rows every estimate: {@link #ATT_GT} by cohort then period, then {@link #SIMPLE}, {@link #GROUP},
 *     {@link #DYNAMIC} and {@link #CALENDAR}, each with its rows first and its overall value last
 * @param preTest Wald test that all pre-treatment ATT(g,t) are zero
 * @param twfe two-way fixed effects estimate on the same units and periods
 * @param units units in the estimation (after the drops in {@code notes})
 * @param cohorts treatment cohorts estimated
 * @param droppedUnits units of the input left out (see {@code notes})
 * @param notes plain-English reasons for every unit or period left out, with counts (empty when none)
 */
public record StaggeredResult(
        List<StaggeredRow> rows,
        PreTest preTest,
        Twfe twfe,
        int units,
        int cohorts,
        int droppedUnits,
        List<String> notes) {
    /** Group-time average treatment effects ATT(g,t). */
    public static final String ATT_GT = "att_gt";
    /** Post-treatment ATT(g,t) weighted by cohort size. */
    public static final String SIMPLE = "simple";
    /** Per cohort, the mean of its post-treatment effects; overall weights cohorts by size. */
    public static final String GROUP = "group";
    /** Per event time, cohorts weighted by size (an event study); overall is the mean over event times ≥ 0. */
    public static final String DYNAMIC = "dynamic";
    /** Per period, cohorts treated by then weighted by size; overall is the mean over periods. */
    public static final String CALENDAR = "calendar";
    /** The aggregations, in row order. */
    public static final List<String> AGGREGATIONS = List.of(ATT_GT, SIMPLE, GROUP, DYNAMIC, CALENDAR);

    public StaggeredResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** The rows of one aggregation (its overall value last; none for {@link #ATT_GT}). */
    public List<StaggeredRow> rows(String aggregation) {
        return rows.stream().filter(r -> r.aggregation().equals(aggregation)).toList();
    }

    /**
     * The overall value of an aggregation.
     *
     * @throws IllegalArgumentException for {@link #ATT_GT} or an unknown name (no overall value)
     */
    public StaggeredRow overall(String aggregation) {
        return rows.stream()
                .filter(r -> r.aggregation().equals(aggregation) && r.isOverall())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no overall value for '" + aggregation
                        + "'; overall values exist for " + AGGREGATIONS.subList(1, 5)));
    }
}
