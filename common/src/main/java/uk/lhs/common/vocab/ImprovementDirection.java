package uk.lhs.common.vocab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which direction of change is an improvement (MDC; NHSRplotthedots {@code improvement_direction}); also the direction
 * an intervention is meant to move an indicator (the register's {@code expected_direction}), which is never neutral.
 */
public enum ImprovementDirection {
    /** Higher values are better. */
    INCREASE("increase"),
    /** Lower values are better. */
    DECREASE("decrease"),
    /** Neither direction is better: special causes are labelled neutral and no assurance is given. */
    NEUTRAL("neutral");

    private final String code;

    ImprovementDirection(String code) {
        this.code = code;
    }

    /** The exact option string, e.g. {@code "increase"}. */
    public String code() {
        return code;
    }

    /**
     * +1 for {@link #INCREASE}, −1 for {@link #DECREASE}: the sign a change must have to count in this direction.
     *
     * @throws IllegalStateException for {@link #NEUTRAL}, which has no sign: the register refuses it as an expected
     *     direction, and the evaluation gives a neutral indicator the intervention's expected direction before it asks
     *     for a sign ({@code EvaluateUnit.improvementDirection}; {@code EvaluationInput} refuses NEUTRAL)
     */
    public int sign() {
        return switch (this) {
            case INCREASE -> 1;
            case DECREASE -> -1;
            case NEUTRAL ->
                throw new IllegalStateException(
                        "a neutral direction has no sign; resolve it to increase or" + " decrease first");
        };
    }

    /** Parses a {@link #code()} (case-insensitive); the message lists the accepted codes. */
    public static ImprovementDirection fromCode(String code) {
        String wanted = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        for (ImprovementDirection d : values()) {
            if (d.code.equals(wanted)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown improvement direction '" + code + "'; use one of "
                + Arrays.stream(values()).map(ImprovementDirection::code).collect(Collectors.joining(", ")));
    }
}
