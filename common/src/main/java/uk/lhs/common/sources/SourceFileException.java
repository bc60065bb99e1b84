package uk.lhs.common.sources;

/**
 * A whole source file cannot be read (empty, binary, not UTF-8, unrecognised header). The message is one line naming
 * the file and saying what is wrong, why, and how to fix it; individual bad rows are never reported this way (they
 * become {@link QuarantineEntry}s).
 */
public final class SourceFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param file the file name as given to the reader
     * @param what what is wrong and why
     * @param fix how to fix it
     */
    public SourceFileException(String file, String what, String fix) {
        super(file + ": " + what + "; " + fix);
        this.file = file;
    }

    /** The file name the error is about. */
    public String file() {
        return file;
    }
}
