package uk.lhs.common.evaluation.equity;

import java.util.Locale;

/**
 * One plain-English sentence per subgroup, fit to quote in a board paper. It describes association, never cause: an
 * interrupted time series of one organisation cannot establish causation, and nor can a difference between quintiles.
 */
public final class EquityStatements {
    private EquityStatements() {}

    /** The closing words of every sentence with an estimate. */
    public static final String ASSOCIATION = "associated with the intervention, not shown to be caused by it";

    /**
     * The sentence.
     *
     * @param e the subgroup's effect
     * @param indicatorId indicator evaluated
     * @param org how to name the organisation, e.g. "RXX (Example Trust)"
     * @param intervention how to name the intervention, e.g. "INT-011 (Discharge follow-up)"
     * @param unit the indicator's unit ("proportion" values are fractions, shown in percentage points)
     */
    public static String of(SubgroupEffect e, String indicatorId, String org, String intervention, String unit) {
        String after = "after " + intervention;
        if (!e.available()) {
            return "There is not enough data to estimate the " + what(e.subgroup()) + " of " + indicatorId + " at "
                    + org + " " + after + ".";
        }
        if (Subgroups.GAP.equals(e.subgroup()) || Subgroups.SII.equals(e.subgroup())) {
            return gap(e, indicatorId, org, after, unit);
        }
        return EquityEvaluator.quintileLabel(e.subgroup()) + ": " + indicatorId + " at " + org + " was "
                + amount(unit, Math.abs(e.estimate())) + " " + (e.estimate() >= 0 ? "higher" : "lower") + " " + after
                + " than the earlier trend predicted (95% CI " + signed(unit, e.ciLower()) + " to "
                + signed(unit, e.ciUpper()) + "); " + ASSOCIATION + ".";
    }

    private static String gap(SubgroupEffect e, String indicatorId, String org, String after, String unit) {
        boolean sii = Subgroups.SII.equals(e.subgroup());
        // The gap narrows when the change has the opposite sign to the gap before the start.
        double before = e.baseline();
        String subject = sii
                ? "the slope index of inequality (the modelled gap from the most to the least deprived) in "
                        + indicatorId + " at " + org
                : "the gap between the most and least deprived (IMD quintile 1 minus quintile 5) in " + indicatorId
                        + " at " + org;
        if (!Double.isFinite(before) || before == 0) {
            return capital(subject) + " changed by " + signed(unit, e.estimate()) + " " + after + " (95% CI "
                    + signed(unit, e.ciLower()) + " to " + signed(unit, e.ciUpper()) + "); " + ASSOCIATION + ".";
        }
        double sign = Math.signum(before);
        double narrowing = -sign * e.estimate();
        double lo = Math.min(-sign * e.ciLower(), -sign * e.ciUpper());
        double hi = Math.max(-sign * e.ciLower(), -sign * e.ciUpper());
        boolean narrowed = narrowing >= 0;
        String verb = narrowed ? "narrowed" : "widened";
        // The interval of the narrowing (or widening) itself, so "narrowed by 2 (95% CI 1 to 3)" reads naturally.
        double from = narrowed ? lo : -hi;
        double to = narrowed ? hi : -lo;
        boolean includesZero = from <= 0 && to >= 0;
        return capital(subject) + " " + verb + " by " + amount(unit, Math.abs(narrowing)) + " " + after + " (95% CI "
                + plain(unit, from) + " to " + plain(unit, to) + (includesZero ? ", which includes no change" : "")
                + "); " + ASSOCIATION + ".";
    }

    private static String what(String subgroup) {
        return Subgroups.GAP.equals(subgroup)
                ? "change in the gap between the most and least deprived"
                : Subgroups.SII.equals(subgroup)
                        ? "change in the slope index of inequality"
                        : "change among "
                                + EquityEvaluator.quintileLabel(subgroup).toLowerCase(Locale.ROOT);
    }

    /** Whether values are fractions shown in percentage points. */
    static boolean proportion(String unit) {
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        return u.contains("proportion") || u.contains("fraction");
    }

    static String amount(String unit, double v) {
        if (proportion(unit)) {
            return String.format(Locale.ROOT, "%.1f percentage points", 100 * v);
        }
        return String.format(Locale.ROOT, "%.3g", v) + (unit == null || unit.isBlank() ? "" : " " + unit);
    }

    private static String signed(String unit, double v) {
        return proportion(unit) ? String.format(Locale.ROOT, "%+.1f", 100 * v) : String.format(Locale.ROOT, "%+.3g", v);
    }

    private static String plain(String unit, double v) {
        return proportion(unit) ? String.format(Locale.ROOT, "%.1f", 100 * v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
