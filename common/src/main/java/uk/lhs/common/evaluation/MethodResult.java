package uk.lhs.common.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One output row: a method's estimate of the change, or the summary row. This is the shape the Spark stage writes to
 * {@code gold.intervention_effects}.
 *
 * @param method which method (or summary)
 * @param estimate level change at the start in the indicator's units, post minus counterfactual (NaN if not run)
 * @param ciLower lower limit of the 100·(1−alpha)% interval (NaN if none)
 * @param ciUpper upper limit of the interval (NaN if none)
 * @param pValue two-sided p-value for "no change" (NaN if none)
 * @param prePeriods months on the pre side used by this method
 * @param postPeriods months on the post side used by this method
 * @param attribution the attribution level (summary row only; null on method rows)
 * @param caveats the caveats that bear on this row
 * @param details method-specific diagnostics, snake_case keys (e.g. slope_change, durbin_watson, pre_rmspe);
 *     {@code available} is 1 when the method ran and 0 when the data did not allow it
 */
public record MethodResult(
        Method method,
        double estimate,
        double ciLower,
        double ciUpper,
        double pValue,
        int prePeriods,
        int postPeriods,
        Attribution attribution,
        List<Caveat> caveats,
        Map<String, Double> details) {
    public MethodResult {
        Objects.requireNonNull(method, "method");
        caveats = List.copyOf(caveats);
        details = Map.copyOf(details);
    }

    /** Whether the method could be run on this unit's data. */
    public boolean available() {
        return details.getOrDefault("available", 0.0) == 1.0;
    }
}
