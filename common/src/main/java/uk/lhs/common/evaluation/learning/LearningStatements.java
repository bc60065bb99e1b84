package uk.lhs.common.evaluation.learning;

import java.util.Locale;
import uk.lhs.common.evaluation.meta.MetaResult;

/**
 * The plain-English sentence of a pooled effect: "Across 9 trusts, validation of waiting lists was associated with a
 * change in the share waiting under 18 weeks of +3.1 percentage points (95% CI +2.0 to +4.2); in a new trust expect
 * between +0.2 and +6.0 percentage points." Association, never cause.
 */
public final class LearningStatements {
    private LearningStatements() {}

    /**
     * What the statement needs to know about an indicator.
     *
     * @param unit the unit in gold.indicator_values (a proportion is shown in percentage points), or null
     * @param title the indicator's title, or null to use its id
     */
    public record Indicator(String unit, String title) {}

    /**
     * The sentence.
     *
     * @param type the intervention type (lower snake_case; shown with spaces)
     * @param indicatorId the indicator id
     * @param method its, did or synthetic_control
     * @param indicator unit and title, or null
     * @param r the pooled result
     */
    public static String of(String type, String indicatorId, String method, Indicator indicator, MetaResult r) {
        boolean proportion = indicator != null && proportion(indicator.unit());
        String unit = proportion
                ? " percentage points"
                : indicator == null
                                || indicator.unit() == null
                                || indicator.unit().isBlank()
                        ? ""
                        : " " + indicator.unit();
        String name = indicator == null
                        || indicator.title() == null
                        || indicator.title().isBlank()
                ? indicatorId
                : indicator.title() + " (" + indicatorId + ")";
        StringBuilder sb = new StringBuilder();
        sb.append("Across ")
                .append(r.k())
                .append(" trusts, ")
                .append(type.replace('_', ' '))
                .append(" was associated with a change in ")
                .append(name)
                .append(" of ")
                .append(number(r.estimate(), proportion))
                .append(unit)
                .append(" (95% CI ")
                .append(number(r.ciLower(), proportion))
                .append(" to ")
                .append(number(r.ciUpper(), proportion))
                .append("; ")
                .append(label(method))
                .append(" estimates pooled)");
        if (Double.isFinite(r.piLower()) && Double.isFinite(r.piUpper())) {
            sb.append("; in a new trust expect between ")
                    .append(number(r.piLower(), proportion))
                    .append(" and ")
                    .append(number(r.piUpper(), proportion))
                    .append(unit);
        } else {
            sb.append("; with ").append(r.k()).append(" trusts no range for a new trust can be given");
        }
        return sb.append(". This is an association, not proof of effect.").toString();
    }

    /** Whether the unit is a proportion held as a fraction (shown in percentage points). */
    static boolean proportion(String unit) {
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        return u.contains("proportion") || u.contains("fraction");
    }

    private static String number(double v, boolean proportion) {
        return proportion ? String.format(Locale.ROOT, "%+.1f", 100 * v) : String.format(Locale.ROOT, "%+.3g", v);
    }

    private static String label(String method) {
        return switch (method) {
            case "its" -> "interrupted time series";
            case "did" -> "difference-in-differences";
            case "synthetic_control" -> "synthetic control";
            default -> method.replace('_', ' ');
        };
    }
}
