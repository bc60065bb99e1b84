package uk.lhs.common.evaluation;

import java.util.Locale;

/** The fixed ordinal attribution scale, weakest first (decision rule in {@link AttributionRule}). */
public enum Attribution {
    INSUFFICIENT_DATA,
    NO_CHANGE_DETECTED,
    CHANGE_ATTRIBUTION_WEAK,
    CHANGE_CONSISTENT_WITH_INTERVENTION,
    CHANGE_STRONGLY_CONSISTENT;

    /** Snake-case label as written to tables, e.g. {@code change_attribution_weak}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the three levels at which a change in the expected direction was detected. */
    public boolean changeDetected() {
        return compareTo(CHANGE_ATTRIBUTION_WEAK) >= 0;
    }
}
