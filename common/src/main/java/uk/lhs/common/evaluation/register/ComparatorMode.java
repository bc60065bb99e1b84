package uk.lhs.common.evaluation.register;

import java.util.Locale;

/** How an intervention's comparison organisations are chosen. */
public enum ComparatorMode {
    /** Every unexposed organisation of the same level. */
    AUTO,
    /** Unexposed organisations of the same level in the same NHS England region. */
    SAME_REGION,
    /** The organisations listed in the register. */
    EXPLICIT;

    /** The label used in the register and in {@code silver.interventions}: auto, same_region, explicit. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
