package uk.lhs.common.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard prints values: proportions as percentages, counts with thousands separators, months as text. */
public final class ValueFormat {
    private ValueFormat() {}

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH);

    /** Whether values in this unit are fractions shown as percentages. */
    public static boolean isProportion(String unit) {
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        return u.contains("proportion") || u.contains("fraction");
    }

    /**
     * A value for display.
     *
     * @param value the value (null = no value)
     * @param unit the indicator's unit
     * @return e.g. {@code 74.1%}, {@code 12,345}, {@code 3.20}, or an en dash when there is no value
     */
    public static String value(Double value, String unit) {
        if (value == null || !Double.isFinite(value)) {
            return "–";
        }
        if (isProportion(unit)) {
            return String.format(Locale.UK, "%.1f%%", 100 * value);
        }
        return number(value);
    }

    /** A plain number: whole numbers with separators, others to 3 significant figures (2 decimals at most above 1). */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.UK, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.UK, "%,.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.UK, "%.2f", v);
        }
        return String.format(Locale.UK, "%.3g", v);
    }

    /** A change for display: proportions in percentage points, others as numbers, always signed. */
    public static String change(Double v, String unit) {
        if (v == null || !Double.isFinite(v)) {
            return "–";
        }
        if (isProportion(unit)) {
            return String.format(Locale.UK, "%+.1f pp", 100 * v);
        }
        return (v >= 0 ? "+" : "") + number(v);
    }

    /** An axis tick label. */
    public static String tick(double v, String unit) {
        if (isProportion(unit)) {
            return String.format(Locale.UK, "%.0f%%", 100 * v);
        }
        return number(v);
    }

    /** {@code Mar 2025}; en dash for null. */
    public static String month(LocalDate d) {
        return d == null ? "–" : d.format(MONTH);
    }

    /** {@code Mar 25}, for axis labels. */
    public static String shortMonth(LocalDate d) {
        return d.format(SHORT_MONTH);
    }
}
