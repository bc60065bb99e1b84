package uk.lhs.common.evaluation.equity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.MonthlyValue;
import uk.lhs.common.evaluation.Revision;

/**
 * What one equity evaluation needs.
 *
 * @param quintiles monthly counts per IMD quintile stratum ({@link Subgroups#QUINTILES}); only each month's numerator
 *     and denominator are used (the value is recomputed from them, never averaged); a month without both is a gap
 * @param multiplier the indicator's multiplier: value = numerator / denominator × multiplier
 * @param minDenominator the catalog's reliability minimum (min_denominator, or min_expected for ratios); 0 = none
 * @param start first month of the intervention
 * @param implementationMonths months from the start left out of both sides
 * @param options tuning shared with the main evaluation (baseline, follow-up, HAC lag and form, alpha)
 * @param revisions by quintile stratum, the months of its series that a newer vintage of the source file changed
 *     (REVISED_DATA); may be empty
 */
public record EquityInput(
        Map<String, List<MonthlyValue>> quintiles,
        double multiplier,
        double minDenominator,
        LocalDate start,
        int implementationMonths,
        EvaluationOptions options,
        Map<String, List<Revision>> revisions) {
    public EquityInput {
        Objects.requireNonNull(quintiles, "quintiles");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(options, "options");
        quintiles = Map.copyOf(quintiles);
        revisions = Map.copyOf(revisions == null ? Map.of() : revisions);
        if (implementationMonths < 0) {
            throw new IllegalArgumentException("implementationMonths must be >= 0, got " + implementationMonths);
        }
    }

    /** First month counted as post. */
    public LocalDate firstPost() {
        return start.plusMonths(implementationMonths);
    }
}
