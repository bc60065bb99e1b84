package uk.lhs.common.sources;

import java.util.regex.Pattern;

/**
 * Parsing of numbers as NHS England publishes them: counts with thousands separators ({@code "3,035"}) and
 * {@code -} for zero (RTT Incomplete-Provider files); percentages like {@code 51.50%}; decimals like {@code 16.9}.
 * Each parse either returns the value or throws {@link Bad} whose message is the quarantine reason.
 */
public final class PublishedNumbers {
    /** The publications' spelling of zero in count cells. */
    public static final String DASH = "-";

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private PublishedNumbers() {}

    /** A cell that is not a valid number; the message is the reason. */
    public static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String reason) {
            super(reason);
        }
    }

    /**
     * A non-negative count. Accepts digits, digits with correctly placed thousands separators, and {@code -} (zero)
     * when {@code dashIsZero}; surrounding spaces are ignored.
     *
     * @throws Bad empty, negative, fractional, text, or badly grouped
     */
    public static long count(String cell, boolean dashIsZero) throws Bad {
        if (cell == null) {
            throw new Bad("missing (row has too few columns)");
        }
        String s = cell.trim();
        if (s.isEmpty()) {
            throw new Bad("empty count");
        }
        if (dashIsZero && s.equals(DASH)) {
            return 0;
        }
        if (s.startsWith("-") && DECIMAL.matcher(s).matches()) {
            throw new Bad("negative count '" + cell + "'");
        }
        long v = groupedDigits(s);
        if (v < 0) {
            throw new Bad(
                    v == OVERFLOW
                            ? "count out of range '" + cell + "'"
                            : "not a whole non-negative count '" + cell + "'");
        }
        return v;
    }

    private static final long MALFORMED = -1;
    private static final long OVERFLOW = -2;

    /**
     * Digits, optionally grouped in threes by commas ({@code 1,234,567}); hand-written because it runs on every
     * cell of a 65k-row extract. Returns {@link #MALFORMED} or {@link #OVERFLOW} instead of throwing.
     */
    private static long groupedDigits(String s) {
        int n = s.length();
        boolean grouped = s.indexOf(',') >= 0;
        long v = 0;
        int sinceComma = 0;
        boolean seenComma = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ',') {
                if (!grouped || (seenComma ? sinceComma != 3 : sinceComma < 1 || sinceComma > 3)) {
                    return MALFORMED;
                }
                seenComma = true;
                sinceComma = 0;
            } else if (c >= '0' && c <= '9') {
                if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                    return OVERFLOW;
                }
                v = v * 10 + (c - '0');
                sinceComma++;
            } else {
                return MALFORMED;
            }
        }
        if (sinceComma == 0 || (seenComma && sinceComma != 3)) {
            return MALFORMED;
        }
        return v;
    }

    /**
     * A published percentage such as {@code 51.50%} as a fraction (0.515), or null when not published ({@code -}).
     *
     * @throws Bad not a percentage, or outside 0-100 %
     */
    public static Double percentOrNull(String cell) throws Bad {
        String s = cell == null ? "" : cell.trim();
        if (s.equals(DASH)) {
            return null;
        }
        if (!s.endsWith("%") || !DECIMAL.matcher(s.substring(0, s.length() - 1)).matches()) {
            throw new Bad("not a percentage '" + cell + "'");
        }
        double pct = Double.parseDouble(s.substring(0, s.length() - 1));
        if (pct < 0 || pct > 100) {
            throw new Bad("percentage outside 0-100 '" + cell + "'");
        }
        return pct / 100.0;
    }

    /**
     * A published non-negative decimal such as {@code 16.9} (weeks), or null when not published ({@code -}).
     *
     * @throws Bad not a number or negative
     */
    public static Double decimalOrNull(String cell) throws Bad {
        String s = cell == null ? "" : cell.trim();
        if (s.equals(DASH)) {
            return null;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new Bad("not a number '" + cell + "'");
        }
        double v = Double.parseDouble(s);
        if (v < 0) {
            throw new Bad("negative value '" + cell + "'");
        }
        return v;
    }
}
