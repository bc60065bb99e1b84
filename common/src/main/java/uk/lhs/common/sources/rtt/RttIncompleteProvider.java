package uk.lhs.common.sources.rtt;

import java.time.LocalDate;

/**
 * One provider x treatment function row of the RTT Incomplete-Provider CSV: the waiting list at month end by week
 * waited, with the figures NHS England publishes alongside kept as published controls (never recomputed here).
 *
 * @param file source file name
 * @param rowNumber 1-based physical line
 * @param periodStart first day of the month the snapshot is for
 * @param regionCode NHS England region code (Y56-Y63)
 * @param providerCode provider ODS code
 * @param providerName provider name
 * @param treatmentFunctionCode e.g. {@code C_100}; {@code C_999} is the provider's total over all functions
 * @param treatmentFunctionName e.g. "General Surgery Service"
 * @param bands {@link RttBands#COUNT} counts: index k = waited more than k and up to k+1 weeks, 104 = 104 plus
 * @param total total number of incomplete pathways (= sum of bands, checked)
 * @param within18Weeks total within 18 weeks (= sum of the first 18 bands, checked)
 * @param total52Plus total 52 plus weeks (checked)
 * @param total65Plus total 65 plus weeks (checked)
 * @param total78Plus total 78 plus weeks (checked)
 * @param publishedPctWithin18Weeks published "% within 18 weeks" as a fraction; null where published as {@code -}
 * @param publishedMedianWeeks published median wait (weeks); null where {@code -}
 * @param publishedP92Weeks published 92nd percentile wait (weeks); null where {@code -}
 * @param publishedPct52Plus published "% 52 plus weeks" (March files only) as a fraction; null otherwise
 * @param rawValues the row's fields as read (bronze)
 */
public record RttIncompleteProvider(
        String file,
        int rowNumber,
        LocalDate periodStart,
        String regionCode,
        String providerCode,
        String providerName,
        String treatmentFunctionCode,
        String treatmentFunctionName,
        long[] bands,
        long total,
        long within18Weeks,
        long total52Plus,
        long total65Plus,
        long total78Plus,
        Double publishedPctWithin18Weeks,
        Double publishedMedianWeeks,
        Double publishedP92Weeks,
        Double publishedPct52Plus,
        String[] rawValues) {

    /** The treatment function code NHS England uses for a provider's total over all functions. */
    public static final String ALL_FUNCTIONS = "C_999";

    /** Whether this row is the provider's all-functions total ({@code C_999}). */
    public boolean isAllFunctions() {
        return ALL_FUNCTIONS.equals(treatmentFunctionCode);
    }
}
