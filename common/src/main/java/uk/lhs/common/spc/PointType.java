package uk.lhs.common.spc;

import uk.lhs.common.vocab.ImprovementDirection;

/** The MDC label of one point, as NHSRplotthedots' {@code point_type}. {@link #code()} is the exact output string. */
public enum PointType {
    /** No special-cause rule flags the point (also used for missing points). */
    COMMON_CAUSE("common_cause"),
    /** A special cause in the improvement direction. */
    SPECIAL_CAUSE_IMPROVEMENT("special_cause_improvement"),
    /** A special cause against the improvement direction. */
    SPECIAL_CAUSE_CONCERN("special_cause_concern"),
    /** A high special cause when the direction is neutral. */
    SPECIAL_CAUSE_NEUTRAL_HIGH("special_cause_neutral_high"),
    /** A low special cause when the direction is neutral. */
    SPECIAL_CAUSE_NEUTRAL_LOW("special_cause_neutral_low");

    private final String code;

    PointType(String code) {
        this.code = code;
    }

    /** The exact output string, e.g. {@code "special_cause_concern"}. */
    public String code() {
        return code;
    }

    /**
     * The label for a point whose special cause (if any) points {@code high} or low.
     *
     * @param special whether any rule flags the point
     * @param high the direction of the special cause (side of the mean, or the direction of a trend)
     * @param improvement the indicator's improvement direction
     */
    static PointType of(boolean special, boolean high, ImprovementDirection improvement) {
        if (!special) {
            return COMMON_CAUSE;
        }
        return switch (improvement) {
            case NEUTRAL -> high ? SPECIAL_CAUSE_NEUTRAL_HIGH : SPECIAL_CAUSE_NEUTRAL_LOW;
            case INCREASE -> high ? SPECIAL_CAUSE_IMPROVEMENT : SPECIAL_CAUSE_CONCERN;
            case DECREASE -> high ? SPECIAL_CAUSE_CONCERN : SPECIAL_CAUSE_IMPROVEMENT;
        };
    }
}
