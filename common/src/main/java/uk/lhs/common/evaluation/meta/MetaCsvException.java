package uk.lhs.common.evaluation.meta;

/**
 * A malformed meta-analysis CSV: the message names the file, the line (1-based, the header is line 1), the data row
 * (1-based, blank lines not counted) with its label when there is one, and the column; it says what is wrong and how to
 * fix it.
 */
public final class MetaCsvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String column;

    /**
     * @param source the file name, as the user gave it
     * @param line 1-based line number
     * @param row 1-based data row, or 0 for the header or the whole file
     * @param label the row's label, or null
     * @param column the column name, or null when the problem is the whole line
     * @param problem what is wrong and how to fix it
     */
    public MetaCsvException(String source, int line, int row, String label, String column, String problem) {
        super(source + ": line " + line
                + (row > 0 ? " (row " + row + (label == null || label.isEmpty() ? "" : ", '" + label + "'") + ")" : "")
                + (column == null ? "" : ", column '" + column + "'") + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }

    /** The column name, or null when the problem concerns the whole line. */
    public String column() {
        return column;
    }
}
