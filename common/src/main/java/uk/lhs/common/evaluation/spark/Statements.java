package uk.lhs.common.evaluation.spark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.lhs.common.evaluation.Attribution;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.Method;
import uk.lhs.common.evaluation.MethodResult;
import uk.lhs.common.evaluation.Severity;
import uk.lhs.common.vocab.OrgLevel;

/**
 * One plain-English sentence per output row, fit to quote in a board paper. Wording describes association ("was
 * associated with", "consistent with"), never cause: none of the designs can establish causation.
 */
public final class Statements {
    private Statements() {}

    /**
     * The sentence for one row.
     *
     * @param u the unit
     * @param r the row
     * @return the sentence
     */
    public static String of(UnitContext u, MethodResult r) {
        String subject = u.indicatorId() + " at " + org(u);
        String after =
                "after " + u.intervention().id() + " (" + u.intervention().title() + ")";
        if (r.method() == Method.SUMMARY) {
            return summary(u, r, subject, after);
        }
        if (!r.available()) {
            return label(r.method()) + " could not be run for " + subject + " " + after + ": "
                    + (needsComparators(r.method()) && u.comparatorCodes().isEmpty()
                            ? "no comparison organisation had complete data."
                            : "there is not enough data before and after.");
        }
        String interval = Double.isFinite(r.ciLower()) && Double.isFinite(r.ciUpper())
                ? " (95% interval " + signed(u, r.ciLower()) + " to " + signed(u, r.ciUpper()) + ")"
                : "";
        return label(r.method()) + ": " + subject + " was " + amount(u, Math.abs(r.estimate())) + " "
                + (r.estimate() >= 0 ? "higher" : "lower") + " " + after + " " + baseline(r.method()) + interval
                + "; this is an association, not proof of effect.";
    }

    private static String summary(UnitContext u, MethodResult r, String subject, String after) {
        Attribution a = r.attribution();
        if (a == Attribution.INSUFFICIENT_DATA) {
            return "There is not yet enough data to say whether " + subject + " changed " + after + ".";
        }
        if (a == Attribution.NO_CHANGE_DETECTED) {
            return "No change in " + subject + " beyond its usual variation was detected in the intended direction "
                    + after + ".";
        }
        String moved = subject + " " + (r.estimate() >= 0 ? "rose" : "fell") + " by about "
                + amount(u, Math.abs(r.estimate())) + " " + after;
        return switch (a) {
            case CHANGE_ATTRIBUTION_WEAK ->
                moved + "; the change is associated with the intervention, but other"
                        + " explanations cannot be ruled out" + confounders(r.caveats()) + ".";
            case CHANGE_CONSISTENT_WITH_INTERVENTION ->
                moved + "; the change is consistent with the intervention,"
                        + " though this is an association, not proof of effect.";
            default ->
                moved + "; the change is strongly consistent with the intervention (comparison organisations and"
                        + " the control chart agree), though this is still an association, not proof of effect.";
        };
    }

    private static String confounders(List<Caveat> caveats) {
        Set<String> words = new LinkedHashSet<>();
        for (Caveat c : caveats) {
            if (c.severity() == Severity.INFO) {
                continue;
            }
            String w = switch (c.code()) {
                case REGRESSION_TO_MEAN -> "a return to normal after unusually poor months";
                case CONCURRENT_INTERVENTION -> "other work at the same time";
                case SECULAR_TREND -> "a similar change across the region or England";
                case COMPARATOR_DIVERGENCE -> "comparators already moving apart beforehand";
                case METHODS_DISAGREE -> "methods that disagree";
                case ORG_CHANGE -> "a merger or boundary change";
                default -> null;
            };
            if (w != null) {
                words.add(w);
            }
        }
        return words.isEmpty() ? "" : " (" + String.join("; ", words) + ")";
    }

    private static boolean needsComparators(Method m) {
        return m == Method.DID || m == Method.SYNTHETIC_CONTROL;
    }

    private static String label(Method m) {
        return switch (m) {
            case PRE_POST -> "Before-and-after comparison";
            case SPC -> "Control chart";
            case ITS -> "Interrupted time series";
            case DID -> "Difference-in-differences";
            case SYNTHETIC_CONTROL -> "Synthetic control";
            case SUMMARY -> "Summary";
        };
    }

    private static String baseline(Method m) {
        return switch (m) {
            case PRE_POST -> "than before the start";
            case SPC -> "than the baseline average on the control chart";
            case ITS -> "than the earlier trend predicted";
            case DID -> "than expected from the change at comparison organisations";
            case SYNTHETIC_CONTROL -> "than a weighted combination of comparison organisations";
            case SUMMARY -> "";
        };
    }

    private static String org(UnitContext u) {
        String level = OrgLevel.SYSTEM.label().equals(u.orgLevel()) ? "system " : "";
        return level + u.orgCode() + (u.orgName() == null ? "" : " (" + u.orgName() + ")");
    }

    /** Whether the indicator is a proportion held as a fraction (shown in percentage points). */
    static boolean proportion(UnitContext u) {
        String unit = u.unit() == null ? "" : u.unit().toLowerCase(Locale.ROOT);
        return unit.contains("proportion") || unit.contains("fraction");
    }

    static String amount(UnitContext u, double v) {
        if (proportion(u)) {
            return String.format(Locale.ROOT, "%.1f percentage points", 100 * v);
        }
        String unit = u.unit() == null || u.unit().isBlank() ? "" : " " + u.unit();
        return String.format(Locale.ROOT, "%.3g", v) + unit;
    }

    private static String signed(UnitContext u, double v) {
        return proportion(u) ? String.format(Locale.ROOT, "%+.1f", 100 * v) : String.format(Locale.ROOT, "%+.3g", v);
    }
}
