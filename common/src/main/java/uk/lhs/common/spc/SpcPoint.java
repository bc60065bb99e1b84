package uk.lhs.common.spc;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One charted point. Limits are NaN where undefined (missing denominator, run charts, a phase without enough baseline
 * points); a missing point has NaN {@code value}, no flags and {@link PointType#COMMON_CAUSE}.
 *
 * @param date the point's date
 * @param value the plotted statistic (the value; numerator/denominator with denominators; |Δy| on MR charts)
 * @param centre the phase's centre line (mean, Σx/Σn, or median for run charts)
 * @param lowerLimit lower process (control) limit
 * @param upperLimit upper process (control) limit
 * @param lowerNear lower edge of the near-limit band (centre − 2 sigma)
 * @param upperNear upper edge of the near-limit band (centre + 2 sigma)
 * @param outsideLimits the point is strictly beyond a limit
 * @param trend the point belongs to a trend of at least {@code trendLength} points
 * @param twoOfThree the point is a near point in a two-of-three pattern
 * @param shift the point belongs to a run of at least {@code shiftLength} points on one side of the centre (run
 *     charts: a run longer than the Anhøj maximum)
 * @param pointType the MDC label
 * @param phase 1-based phase (rebase group) number
 * @param baseline whether the point was used to compute its phase's centre and limits
 * @param excluded whether the point was excluded by option
 */
public record SpcPoint(
        LocalDate date,
        double value,
        double centre,
        double lowerLimit,
        double upperLimit,
        double lowerNear,
        double upperNear,
        boolean outsideLimits,
        boolean trend,
        boolean twoOfThree,
        boolean shift,
        PointType pointType,
        int phase,
        boolean baseline,
        boolean excluded)
        implements Serializable {

    /** Whether any special-cause rule flags this point. */
    public boolean specialCause() {
        return outsideLimits || trend || twoOfThree || shift;
    }
}
