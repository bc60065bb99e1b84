package uk.lhs.common.evaluation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One monthly observation of an indicator.
 *
 * @param periodStart first day of the month
 * @param value the indicator value in its own units (NaN = missing, treated as a data gap)
 * @param numerator the count behind the value, or NaN when not known
 * @param denominator the population behind the value, or NaN when not known (used for the small-numbers check)
 */
public record MonthlyValue(LocalDate periodStart, double value, double numerator, double denominator) {
    public MonthlyValue {
        Objects.requireNonNull(periodStart, "periodStart");
        if (periodStart.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("periodStart must be the first day of a month, got " + periodStart);
        }
    }

    /** An observation without numerator and denominator. */
    public static MonthlyValue of(LocalDate periodStart, double value) {
        return new MonthlyValue(periodStart, value, Double.NaN, Double.NaN);
    }
}
