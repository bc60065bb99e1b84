package uk.lhs.common.evaluation.equity;

import java.util.List;

/**
 * The subgroups of an equity evaluation, as written to {@code gold.intervention_equity.subgroup}: the IMD quintile
 * strata as the indicator catalog names them ({@code imd_q1} most deprived .. {@code imd_q5} least deprived), the gap
 * Q1 minus Q5 and the slope index of inequality.
 */
public final class Subgroups {
    private Subgroups() {}

    /** IMD quintile strata, most deprived first (as {@code gold.indicator_values.stratum}). */
    public static final List<String> QUINTILES = List.of("imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5");
    /** The gap between the most and the least deprived quintile: Q1 minus Q5. */
    public static final String GAP = "gap_q1_q5";
    /** The slope index of inequality across the five quintiles. */
    public static final String SII = "sii";
    /** Every subgroup in output order. */
    public static final List<String> ALL = List.of("imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5", GAP, SII);
}
