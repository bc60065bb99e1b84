package uk.lhs.common.evaluation.staggered;

/**
 * One estimate of a staggered difference-in-differences: a group-time effect ATT(g,t) or an aggregation of them.
 * Group, time and event time are period indices (event time = time − group); each is null where it does not apply,
 * and all three are null on an aggregation's overall value.
 *
 * @param aggregation {@link StaggeredResult#ATT_GT}, {@link StaggeredResult#SIMPLE}, {@link StaggeredResult#GROUP},
 *     {@link StaggeredResult#DYNAMIC} or {@link StaggeredResult#CALENDAR}
 * @param group the cohort (first treated period), or null
 * @param time the period, or null
 * @param eventTime periods since first treatment (negative before), or null
 * @param estimate the effect
 * @param se multiplier-bootstrap standard error, NaN when degenerate (e.g. the base period's own effect)
 * @param ciLower pointwise 95% limit, estimate − 1.96·se
 * @param ciUpper pointwise 95% limit
 * @param bandLower simultaneous 95% band over the rows of this aggregation (sup-t); NaN on overall values
 * @param bandUpper simultaneous 95% band; NaN on overall values
 */
public record StaggeredRow(
        String aggregation,
        Integer group,
        Integer time,
        Integer eventTime,
        double estimate,
        double se,
        double ciLower,
        double ciUpper,
        double bandLower,
        double bandUpper) {
    /** True for an aggregation's overall value. */
    public boolean isOverall() {
        return group == null && time == null && eventTime == null;
    }
}
