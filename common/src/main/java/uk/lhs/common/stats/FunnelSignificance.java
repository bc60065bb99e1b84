package uk.lhs.common.stats;

/** Where a unit sits against PHE funnel limits (labels as PHEindicatormethods assign_funnel_significance). */
public enum FunnelSignificance {
    /** Above the 99.8% upper limit. */
    HIGH_0_001("High (0.001)"),
    /** Above the 95% upper limit but not the 99.8% one. */
    HIGH_0_025("High (0.025)"),
    /** Below the 99.8% lower limit. */
    LOW_0_001("Low (0.001)"),
    /** Below the 95% lower limit but not the 99.8% one. */
    LOW_0_025("Low (0.025)"),
    /** Within the 95% limits. */
    NOT_SIGNIFICANT("Not significant"),
    /** A directly standardised rate from fewer than 10 events: PHE does not test it. */
    NOT_APPLICABLE_DSR_UNDER_10("Not applicable for events less than 10 for dsrs"),
    /** The unit's own inputs are missing or invalid (e.g. zero denominator); it was left out of the average. */
    NO_DATA("no_data");

    private final String label;

    FunnelSignificance(String label) {
        this.label = label;
    }

    /** The label PHE prints, e.g. "High (0.001)". */
    public String label() {
        return label;
    }
}
