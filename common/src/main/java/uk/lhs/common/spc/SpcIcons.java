package uk.lhs.common.spc;

import uk.lhs.common.vocab.ImprovementDirection;

/**
 * The MDC variation and assurance icons (NHS England, "Making Data Count"; names as NHSRplotthedots
 * {@code ptd_create_icons}).
 */
public final class SpcIcons {
    private SpcIcons() {}

    /**
     * The variation icon for the last point. high/low is the direction of the special cause (the side of the mean, or
     * the direction of a trend), so an improvement is "high" exactly when higher is better.
     *
     * @param lastPointType the point type of the last non-missing point
     * @param improvement the improvement direction
     */
    public static VariationIcon variation(PointType lastPointType, ImprovementDirection improvement) {
        return switch (lastPointType) {
            case COMMON_CAUSE -> VariationIcon.COMMON_CAUSE;
            case SPECIAL_CAUSE_NEUTRAL_HIGH -> VariationIcon.NEUTRAL_HIGH;
            case SPECIAL_CAUSE_NEUTRAL_LOW -> VariationIcon.NEUTRAL_LOW;
            case SPECIAL_CAUSE_IMPROVEMENT ->
                improvement == ImprovementDirection.DECREASE
                        ? VariationIcon.IMPROVEMENT_LOW
                        : VariationIcon.IMPROVEMENT_HIGH;
            case SPECIAL_CAUSE_CONCERN ->
                improvement == ImprovementDirection.DECREASE ? VariationIcon.CONCERN_HIGH : VariationIcon.CONCERN_LOW;
        };
    }

    /**
     * The assurance icon: a target above the upper limit fails when higher is better and passes when lower is better; a
     * target below the lower limit is the reverse; a target within the limits (inclusive) is inconsistent.
     *
     * @param improvement the improvement direction; neutral gives {@link AssuranceIcon#NONE}
     * @param target the target, or null for {@link AssuranceIcon#NONE}
     * @param lower the lower process limit at the last point
     * @param upper the upper process limit at the last point; NaN limits give {@link AssuranceIcon#NONE}
     */
    public static AssuranceIcon assurance(ImprovementDirection improvement, Double target, double lower, double upper) {
        if (target == null
                || improvement == ImprovementDirection.NEUTRAL
                || Double.isNaN(lower)
                || Double.isNaN(upper)) {
            return AssuranceIcon.NONE;
        }
        boolean higherIsBetter = improvement == ImprovementDirection.INCREASE;
        if (target > upper) {
            return higherIsBetter ? AssuranceIcon.FAIL : AssuranceIcon.PASS;
        }
        if (target < lower) {
            return higherIsBetter ? AssuranceIcon.PASS : AssuranceIcon.FAIL;
        }
        return AssuranceIcon.INCONSISTENT;
    }
}
