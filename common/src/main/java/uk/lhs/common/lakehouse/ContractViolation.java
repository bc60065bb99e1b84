package uk.lhs.common.lakehouse;

/**
 * A write or a table on disk that does not match its {@link TableContract}. The message says what differs, why it
 * matters and how to fix it; nothing is written when this is thrown.
 */
public final class ContractViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
