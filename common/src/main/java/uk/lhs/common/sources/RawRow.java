package uk.lhs.common.sources;

/**
 * One CSV record exactly as read, before typing (the bronze grain).
 *
 * @param rowNumber 1-based physical line number on which the record starts (the header, if any, is row 1)
 * @param values the fields, unquoted, untrimmed
 * @param rawLine the record's original text without its line terminator (for quarantine)
 * @param complete false when the file ended inside a quoted field (a truncated record)
 */
public record RawRow(int rowNumber, String[] values, String rawLine, boolean complete) {

    /** Number of fields. */
    public int size() {
        return values.length;
    }

    /** Field {@code i}, or {@code null} when the record has fewer fields. */
    public String value(int i) {
        return i < values.length ? values[i] : null;
    }

    /** A copy of the fields (for bronze rows). */
    public String[] rawValues() {
        return values.clone();
    }
}
