package uk.lhs.jobs.serve;

/** A statement {@code lhs serve} does not run: the message names it and says why. */
public final class ServeRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServeRefusedException(String message) {
        super("lhs serve: " + message);
    }
}
