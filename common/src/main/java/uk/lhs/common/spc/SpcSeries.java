package uk.lhs.common.spc;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One series to chart, in date order.
 *
 * @param id the series name (carried to the outputs; may be empty)
 * @param dates one date per point, strictly increasing
 * @param values one value per point; NaN marks a missing point. With denominators, the numerator.
 * @param denominators null, or one denominator per point (NaN or ≤ 0 marks a missing point). Required for P, P′, U and
 *     U′; with XmR, I, MR and run charts the charted value is values/denominators; not allowed for C charts.
 */
public record SpcSeries(String id, LocalDate[] dates, double[] values, double[] denominators) implements Serializable {

    /** Validates lengths and date order and takes defensive copies. */
    public SpcSeries {
        id = id == null ? "" : id;
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(values, "values");
        if (dates.length != values.length) {
            throw new IllegalArgumentException(
                    "series '" + id + "': " + dates.length + " dates but " + values.length + " values");
        }
        if (denominators != null && denominators.length != values.length) {
            throw new IllegalArgumentException(
                    "series '" + id + "': " + denominators.length + " denominators but " + values.length + " values");
        }
        for (int i = 0; i < dates.length; i++) {
            Objects.requireNonNull(dates[i], "date " + i);
            if (i > 0 && !dates[i].isAfter(dates[i - 1])) {
                throw new IllegalArgumentException("series '" + id + "': dates must be strictly increasing, but point "
                        + i + " (" + dates[i] + ") does not follow " + dates[i - 1]);
            }
        }
        dates = dates.clone();
        values = values.clone();
        denominators = denominators == null ? null : denominators.clone();
    }

    /** A series without denominators. */
    public static SpcSeries of(String id, LocalDate[] dates, double[] values) {
        return new SpcSeries(id, dates, values, null);
    }

    /** Number of points. */
    public int size() {
        return values.length;
    }

    /** Monthly dates starting at {@code first}, one per value (handy for tests and index-based data). */
    public static LocalDate[] monthly(LocalDate first, int n) {
        LocalDate[] d = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            d[i] = first.plusMonths(i);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpcSeries s
                && id.equals(s.id)
                && Arrays.equals(dates, s.dates)
                && Arrays.equals(values, s.values)
                && Arrays.equals(denominators, s.denominators);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(dates), Arrays.hashCode(values), Arrays.hashCode(denominators));
    }

    @Override
    public String toString() {
        return "SpcSeries[id=" + id + ", points=" + values.length + ", denominators=" + (denominators != null) + "]";
    }
}
