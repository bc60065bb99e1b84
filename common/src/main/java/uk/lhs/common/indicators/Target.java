package uk.lhs.common.indicators;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A target or standard for an indicator over a span of months, on the indicator's value scale (a fraction for
 * proportions, weeks for waits).
 *
 * @param value the target value
 * @param from first month it applies to (inclusive)
 * @param to last month it applies to (inclusive), or null while it still applies
 * @param source where the target is set out
 */
public record Target(double value, LocalDate from, LocalDate to, String source) implements Serializable {
    public Target {
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("target ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** Whether the target applies to the month starting {@code periodStart}. */
    public boolean appliesTo(LocalDate periodStart) {
        return !periodStart.isBefore(from) && (to == null || !periodStart.isAfter(to));
    }
}
