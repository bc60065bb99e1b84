package uk.lhs.common.evaluation.staggered;

/**
 * A malformed panel CSV for {@code lhs did-csv}: the message names the file, the line (1-based, the header is line 1)
 * and the column, says what is wrong and how to fix it.
 */
public final class StaggeredCsvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String column;

    /**
     * @param file the file name as the user gave it
     * @param line 1-based line number
     * @param column the column name, or null when the problem is the whole line
     * @param problem what is wrong and how to fix it
     */
    public StaggeredCsvException(String file, int line, String column, String problem) {
        super(file + " line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + problem);
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
