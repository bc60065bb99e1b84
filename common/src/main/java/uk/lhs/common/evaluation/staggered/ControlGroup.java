package uk.lhs.common.evaluation.staggered;

/**
 * The comparison units of each group-time effect (Callaway &amp; Sant'Anna 2021, J Econometrics 225(2), §2; R
 * {@code did::att_gt(control_group=)}).
 */
public enum ControlGroup {
    /** Units never treated in the panel ({@code nevertreated}). */
    NEVER_TREATED,
    /**
     * Never-treated units plus units first treated after both the period and the base period of the comparison, other
     * than the cohort itself ({@code notyettreated}).
     */
    NOT_YET_TREATED
}
