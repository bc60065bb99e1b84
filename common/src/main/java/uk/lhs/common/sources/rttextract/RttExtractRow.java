package uk.lhs.common.sources.rttextract;

import java.time.LocalDate;

/**
 * One row of the RTT full CSV extract: provider x commissioner x RTT part x treatment function.
 *
 * @param file source file name
 * @param rowNumber 1-based physical line
 * @param period as published, e.g. {@code RTT-June-2024}
 * @param periodStart first day of the month
 * @param providerParentCode provider's parent (ICB) code
 * @param providerCode provider ODS code
 * @param providerName provider name
 * @param commissionerParentCode commissioner's parent code (blank for {@code NONC})
 * @param commissionerCode commissioner code; {@code NONC} = non-contracted activity
 * @param commissionerName commissioner name
 * @param partType {@code Part_1A}, {@code Part_1B}, {@code Part_2} (incomplete pathways), {@code Part_2A} or
 *     {@code Part_3}
 * @param treatmentFunctionCode e.g. {@code C_100}; {@code C_999} = total
 * @param treatmentFunctionName e.g. "General Surgery Service"
 * @param bands {@link RttBands#COUNT} counts as in {@link RttIncompleteProvider#bands()}; bands whose column is
 *     absent from the file (see {@code firstKnownBand}) and blank cells are 0
 * @param firstKnownBand lowest band whose column the file carries (0 for a complete extract; 51 for the shared
 *     partial June 2024 file, whose uploader deleted the columns up to 51 weeks)
 * @param total the {@code Total} column, or null where blank (Part_2/2A/3)
 * @param unknownClockStart patients with unknown clock start date, or null where blank
 * @param totalAll the {@code Total All} column, the row's count for every part
 * @param rawValues the row's fields as read (bronze)
 */
public record RttExtractRow(
        String file,
        int rowNumber,
        String period,
        LocalDate periodStart,
        String providerParentCode,
        String providerCode,
        String providerName,
        String commissionerParentCode,
        String commissionerCode,
        String commissionerName,
        String partType,
        String treatmentFunctionCode,
        String treatmentFunctionName,
        long[] bands,
        int firstKnownBand,
        Long total,
        Long unknownClockStart,
        long totalAll,
        String[] rawValues) {

    /** The RTT part holding incomplete pathways (the waiting list). */
    public static final String PART_INCOMPLETE = "Part_2";
    /** Commissioner code for non-contracted activity, excluded from NHS England's provider totals. */
    public static final String NON_CONTRACTED = "NONC";
}
