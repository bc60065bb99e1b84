package uk.lhs.common.indicators;

import java.util.Locale;

/**
 * The value of an indicator as a dashboard shows it ({@code value_display} in gold.indicator_values), decided by the
 * catalog's measure type and unit so that a new catalog entry needs no code: proportions as a percentage with one
 * decimal ("93.4%"), counts as whole numbers with thousands separators ("1,234"), ratios with two decimals
 * ("1.02"), waiting-time percentiles in weeks ("12.3 wk"), rates and means with one decimal, followed by their unit
 * when it is short ("4.2 days"; a long unit such as "per 1,000 emergency admissions via A&amp;E" is left to the
 * dashboard's label). UK number format (comma thousands separator, point decimal).
 */
public final class ValueDisplay {
    /** A unit of at most this many characters is appended to rates and means ("days"); longer ones are not. */
    private static final int SHORT_UNIT = 8;

    private ValueDisplay() {}

    /**
     * Formats a value.
     *
     * @param type the indicator's measure type
     * @param unit the indicator's unit, e.g. {@code weeks}, {@code days}
     * @param value the value, or null (no_data, suppressed)
     * @return the display string, or null when value is null or NaN
     */
    public static String format(MeasureType type, String unit, Double value) {
        if (value == null || value.isNaN()) {
            return null;
        }
        double v = value;
        return switch (type) {
            case PROPORTION -> String.format(Locale.UK, "%.1f%%", v * 100);
            case COUNT -> String.format(Locale.UK, "%,.0f", v);
            case RATIO -> String.format(Locale.UK, "%.2f", v);
            case PERCENTILE -> String.format(Locale.UK, "%.1f", v) + ("weeks".equals(unit) ? " wk" : suffix(unit));
            case RATE, MEAN -> String.format(Locale.UK, "%,.1f", v) + suffix(unit);
        };
    }

    private static String suffix(String unit) {
        return unit == null || unit.isBlank() || unit.length() > SHORT_UNIT ? "" : " " + unit;
    }
}
