package uk.lhs.common.spc;

/**
 * A malformed SPC CSV: the message names the line (1-based, the header is line 1) and the column, says what is
 * wrong and how to fix it.
 */
public final class SpcCsvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String column;

    /**
     * @param line 1-based line number
     * @param column the column name, or null when the problem is the whole line
     * @param problem what is wrong and how to fix it
     */
    public SpcCsvException(int line, String column, String problem) {
        super("line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + problem);
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
