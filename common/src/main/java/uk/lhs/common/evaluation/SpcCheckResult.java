package uk.lhs.common.evaluation;

import java.time.LocalDate;

/**
 * XmR check of the post-period against limits frozen on the pre-period.
 *
 * @param centre pre-period mean (the frozen centre line)
 * @param averageMovingRange mean absolute difference of consecutive pre-period values
 * @param lowerLimit centre − 2.66·AMR
 * @param upperLimit centre + 2.66·AMR
 * @param postMean mean of the post-period values
 * @param pointsBeyondLimits post-period points outside the limits on the expected side
 * @param firstBeyondLimits first post month outside the limits on the expected side, or null
 * @param shiftDetected whether a run of {@link XmrCheck#SHIFT_RUN_LENGTH} post points on the expected side occurred
 * @param firstShiftStart first month of the first such run, or null
 * @param nPre pre-period months
 * @param nPost post-period months
 */
public record SpcCheckResult(
        double centre,
        double averageMovingRange,
        double lowerLimit,
        double upperLimit,
        double postMean,
        int pointsBeyondLimits,
        LocalDate firstBeyondLimits,
        boolean shiftDetected,
        LocalDate firstShiftStart,
        int nPre,
        int nPost) {

    /** Any special cause on the expected side: a point beyond the limits or a shift. */
    public boolean specialCause() {
        return pointsBeyondLimits > 0 || shiftDetected;
    }
}
