package uk.lhs.common.evaluation.equity;

import java.util.List;
import uk.lhs.common.evaluation.Caveat;

/**
 * The effect on one subgroup's monthly series.
 *
 * @param subgroup {@code imd_q1}..{@code imd_q5}, {@code gap_q1_q5} or {@code sii}
 * @param estimate ITS level change (post minus counterfactual) in the indicator's units; NaN when it could not run
 * @param ciLower lower 95% (1 − alpha) limit, NaN when none
 * @param ciUpper upper limit
 * @param pValue two-sided p-value for no change
 * @param prePeriods months before the start used
 * @param postPeriods months after the implementation period used
 * @param baseline mean of the series over the pre-period months (the gap or SII before the start), NaN when none
 * @param caveats caveats bearing on this subgroup
 */
public record SubgroupEffect(
        String subgroup,
        double estimate,
        double ciLower,
        double ciUpper,
        double pValue,
        int prePeriods,
        int postPeriods,
        double baseline,
        List<Caveat> caveats) {
    public SubgroupEffect {
        caveats = List.copyOf(caveats);
    }

    /** Whether the ITS could be fitted. */
    public boolean available() {
        return Double.isFinite(estimate);
    }
}
