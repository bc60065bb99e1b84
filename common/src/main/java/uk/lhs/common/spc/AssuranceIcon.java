package uk.lhs.common.spc;

/**
 * The MDC assurance icon: can the process be relied on to meet the target? {@link #code()} is the NHSRplotthedots
 * name; {@link #NONE} (empty string) when there is no target, the direction is neutral or the limits are undefined.
 */
public enum AssuranceIcon {
    /** The whole process range is on the good side of the target: it will consistently meet it. */
    PASS("pass"),
    /** The whole process range is on the bad side of the target: it will consistently miss it. */
    FAIL("fail"),
    /** The target lies within the process limits: it will be hit and missed at random. */
    INCONSISTENT("inconsistent"),
    /** No assurance can be given (no target, neutral direction, or no limits). */
    NONE("");

    private final String code;

    AssuranceIcon(String code) {
        this.code = code;
    }

    /** The exact output string; empty for {@link #NONE}. */
    public String code() {
        return code;
    }
}
