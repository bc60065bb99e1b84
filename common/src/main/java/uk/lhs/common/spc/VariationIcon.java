package uk.lhs.common.spc;

/** The MDC variation icon, taken from the last non-missing point. {@link #code()} is the NHSRplotthedots name. */
public enum VariationIcon {
    /** The last point is common-cause variation. */
    COMMON_CAUSE("common_cause"),
    /** Special-cause improvement upwards (higher is better). */
    IMPROVEMENT_HIGH("improvement_high"),
    /** Special-cause improvement downwards (lower is better). */
    IMPROVEMENT_LOW("improvement_low"),
    /** Special-cause concern upwards (lower is better). */
    CONCERN_HIGH("concern_high"),
    /** Special-cause concern downwards (higher is better). */
    CONCERN_LOW("concern_low"),
    /** Special cause upwards, no preferred direction. */
    NEUTRAL_HIGH("neutral_high"),
    /** Special cause downwards, no preferred direction. */
    NEUTRAL_LOW("neutral_low");

    private final String code;

    VariationIcon(String code) {
        this.code = code;
    }

    /** The exact output string, e.g. {@code "improvement_high"}. */
    public String code() {
        return code;
    }
}
