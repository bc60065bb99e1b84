package uk.lhs.common.sources;

/**
 * One rejected row and exactly why.
 *
 * @param file the source file name
 * @param rowNumber 1-based physical line on which the row starts
 * @param column the offending column's header (or a short description when the problem is the whole row)
 * @param reason what is wrong, with the offending value
 * @param rawLine the row's original text
 */
public record QuarantineEntry(String file, int rowNumber, String column, String reason, String rawLine) {

    /** Entry for a row of {@code csv}. */
    public static QuarantineEntry of(RawCsv csv, RawRow row, String column, String reason) {
        return new QuarantineEntry(csv.fileName(), row.rowNumber(), column, reason, row.rawLine());
    }
}
