package uk.lhs.common.evaluation;

import java.util.Objects;

/**
 * A plain-English caution attached to an evaluation.
 *
 * @param code catalogue code
 * @param severity info, warning or critical
 * @param message a sentence an ICS board paper could quote
 */
public record Caveat(CaveatCode code, Severity severity, String message) {
    public Caveat {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
