package uk.lhs.common.indicators;

import uk.lhs.common.tables.IndicatorTables;

/**
 * Reliability rules of the indicator catalog: below its minimum denominator (the expected count, for ratios) a row's
 * value is too imprecise to be read as a finding, so its status is {@value #LOW_COUNT}. Such a row keeps its value
 * and interval in gold.indicator_values (analysts may look), but it is never {@code ok}, is never flagged as a
 * special cause nor used for SPC limits (the SPC stage treats it as a missing point), and is left out of funnel plots.
 *
 * <p>Defaults (a catalog entry may set its own; 0 switches the rule off):
 * <ul>
 *   <li>Ratios (indirectly standardised): {@code min_expected} {@value #DEFAULT_MIN_EXPECTED}. The ratio's
 *       imprecision is that of a Poisson count with mean the expected count (PHE Fingertips technical guidance,
 *       "Indirectly standardised ratios": the expected count is treated as fixed). For directly standardised rates,
 *       Morris, Tan, Fryers (PHE) and Bestwick (Popul Health Metr 2018;16:1, doi:10.1186/s12963-018-0177-1) found
 *       the intervals adequate from 10 expected or observed events and conclude that a rate should not be given on
 *       fewer than 10; the same 10 is applied here to the expected count, the figure that sets an ISR's precision
 *       whatever is observed.</li>
 *   <li>Proportions, rates, means and percentiles: {@code min_denominator} {@value #DEFAULT_MIN_DENOMINATOR}
 *       people (or admissions, or pathways). A project choice, stated as such: at 30 the 95% Wilson interval of a
 *       proportion near 0.5 is already ±0.17, and 30 is the usual smallest sample for a Student t interval of a
 *       skewed quantity such as length of stay. NHS Digital's HES rule that means and medians of 1–7 values are not
 *       calculated (HES Analysis Guide) is a disclosure floor, not a reliability one, and is far lower.</li>
 *   <li>Counts: none. A count has no denominator; small counts are a disclosure matter ({@link Disclosure}).</li>
 * </ul>
 *
 * <p>Status precedence: {@code no_data} (no value), then {@value #LOW_COUNT}, then {@code partial} (an aggregate with
 * member trusts missing this month), then {@code ok}. A low-count aggregate that is also partial is reported as
 * {@value #LOW_COUNT}: it is the stronger caution (its value is not charted), and partial coverage stays visible in
 * {@code member_trusts_with_data < member_trusts}.
 */
public final class Reliability {
    /** The status of a row whose denominator (expected count, for ratios) is below its indicator's minimum. */
    public static final String LOW_COUNT = "low_count";

    /** Default minimum expected count of a ratio (see the class comment for the source). */
    public static final double DEFAULT_MIN_EXPECTED = 10;

    /** Default minimum denominator of proportions, rates, means and percentiles (see the class comment). */
    public static final double DEFAULT_MIN_DENOMINATOR = 30;

    /** Catalog key of the minimum for ratios. */
    public static final String MIN_EXPECTED_KEY = "min_expected";

    /** Catalog key of the minimum for proportions, rates, means and percentiles. */
    public static final String MIN_DENOMINATOR_KEY = "min_denominator";

    private Reliability() {}

    /** The catalog key that sets the minimum for {@code type}, or null for counts (which have none). */
    public static String key(MeasureType type) {
        return switch (type) {
            case RATIO -> MIN_EXPECTED_KEY;
            case COUNT -> null;
            case PROPORTION, RATE, MEAN, PERCENTILE -> MIN_DENOMINATOR_KEY;
        };
    }

    /** The default minimum for {@code type}; 0 (no rule) for counts. */
    public static double defaultMinimum(MeasureType type) {
        return switch (type) {
            case RATIO -> DEFAULT_MIN_EXPECTED;
            case COUNT -> 0;
            case PROPORTION, RATE, MEAN, PERCENTILE -> DEFAULT_MIN_DENOMINATOR;
        };
    }

    /**
     * Whether a row with data is below its indicator's minimum: its summed denominator (expected count for ratios)
     * is strictly less than the minimum. At the minimum the row is reliable.
     */
    public static boolean belowMinimum(Indicator ind, Double denominator) {
        double min = ind.reliabilityMinimum();
        return min > 0 && denominator != null && !denominator.isNaN() && denominator < min;
    }

    /**
     * The status of one gold.indicator_values row (precedence in the class comment).
     *
     * @param ind the catalog entry
     * @param hasData whether the row has a value ({@link IndicatorMath.Value#hasData()})
     * @param denominator the summed denominator (expected count for ratios)
     * @param members trusts that are members of the organisation for this indicator
     * @param membersWithData of those, how many have data this month
     */
    public static String status(Indicator ind, boolean hasData, Double denominator, int members, int membersWithData) {
        if (!hasData) {
            return IndicatorTables.STATUS_NO_DATA;
        }
        if (belowMinimum(ind, denominator)) {
            return LOW_COUNT;
        }
        return membersWithData < members ? IndicatorTables.STATUS_PARTIAL : IndicatorTables.STATUS_OK;
    }
}
