package uk.lhs.common.sources.aeicb;

import java.time.LocalDate;

/**
 * One ICB ("system") month of the A&E ICB-level table. Counts are as published; the published percentages are
 * kept as controls (fractions; null where published as {@code -}).
 *
 * @param file source file name
 * @param rowNumber 1-based physical line
 * @param periodStart first day of the month (from the file name)
 * @param icbCode ICB ODS code (Q..)
 * @param icbName ICB name
 * @param counts the {@link AeIcbLevelParser#COUNT_COLUMNS} counts in that order (attendances type 1, 2, 3, total;
 *     within 4 h type 1, 2, 3, total; over 4 h type 1, 2, 3, total; emergency admissions via type 1, type 2,
 *     type 3 and 4 A&E, total via A&E; other emergency admissions; total emergency admissions; DTA over 4 h;
 *     DTA over 12 h)
 * @param publishedPctWithin4hTotal published % in 4 hours or less, all types
 * @param publishedPctWithin4hType1 published % type 1
 * @param publishedPctWithin4hType2 published % type 2
 * @param publishedPctWithin4hType3 published % type 3
 * @param rawValues the row's fields as read (bronze)
 */
public record AeIcbMonth(
        String file,
        int rowNumber,
        LocalDate periodStart,
        String icbCode,
        String icbName,
        long[] counts,
        Double publishedPctWithin4hTotal,
        Double publishedPctWithin4hType1,
        Double publishedPctWithin4hType2,
        Double publishedPctWithin4hType3,
        String[] rawValues) {

    /** The count in column {@code header} (one of {@link AeIcbLevelParser#COUNT_COLUMNS}). */
    public long count(String header) {
        int i = AeIcbLevelParser.COUNT_COLUMNS.indexOf(header);
        if (i < 0) {
            throw new IllegalArgumentException("not an ICB-level count column: " + header);
        }
        return counts[i];
    }
}
