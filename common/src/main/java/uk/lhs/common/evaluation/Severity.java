package uk.lhs.common.evaluation;

/** How much a caveat should temper the reading of a result. */
public enum Severity {
    /** Worth knowing; does not change the reading. */
    INFO,
    /** Weakens what can be said about attribution. */
    WARNING,
    /** The result should not be used for attribution without further work. */
    CRITICAL;

    /** Lower-case label as written to tables: info, warning, critical. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
