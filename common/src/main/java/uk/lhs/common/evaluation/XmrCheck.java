package uk.lhs.common.evaluation;

import java.time.LocalDate;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * A small self-contained XmR (individuals) chart check with limits frozen on the pre-period.
 *
 * <p>Source: NHS England "Making Data Count" (2019, "Strengthening your decisions"): limits = mean ± 2.66·mean
 * moving range; special cause = a point outside the limits, or a shift of 7 or more consecutive points on one side
 * of the centre line. Points exactly on the centre line end a run. Moving ranges are not screened for outliers.
 * (The full SPC engine lives in {@code uk.lhs.common.spc}; this is deliberately independent of it.)
 */
public final class XmrCheck {
    private XmrCheck() {}

    /** XmR scaling constant 2.66 = 3/d₂ with d₂ = 1.128 for moving ranges of two (Wheeler; Making Data Count). */
    public static final double XMR_LIMIT_FACTOR = 2.66;

    /** Making Data Count shift rule: 7 consecutive points on the same side of the mean. */
    public static final int SHIFT_RUN_LENGTH = 7;

    /**
     * Checks the post-period against pre-period limits.
     *
     * @param window the split series (at least 2 pre-period points)
     * @param expected the direction in which a special cause counts
     * @return the check
     */
    public static SpcCheckResult check(SeriesWindow window, ImprovementDirection expected) {
        double[] pre = window.preValues();
        if (pre.length < 2) {
            throw new IllegalArgumentException("XmR limits need at least 2 pre-period points, got " + pre.length);
        }
        double centre = 0;
        for (double v : pre) {
            centre += v;
        }
        centre /= pre.length;
        double amr = 0;
        for (int i = 1; i < pre.length; i++) {
            amr += Math.abs(pre[i] - pre[i - 1]);
        }
        amr /= pre.length - 1;
        double lcl = centre - XMR_LIMIT_FACTOR * amr;
        double ucl = centre + XMR_LIMIT_FACTOR * amr;
        int sign = expected.sign();
        int beyond = 0;
        LocalDate firstBeyond = null;
        LocalDate runStart = null;
        LocalDate firstShift = null;
        int run = 0;
        double postSum = 0;
        int nPost = 0;
        for (int i = 0; i < window.size(); i++) {
            if (!window.post()[i]) {
                continue;
            }
            double v = window.y()[i];
            postSum += v;
            nPost++;
            boolean outside = sign > 0 ? v > ucl : v < lcl;
            if (outside) {
                beyond++;
                if (firstBeyond == null) {
                    firstBeyond = window.months()[i];
                }
            }
            if (sign * (v - centre) > 0) {
                if (run == 0) {
                    runStart = window.months()[i];
                }
                run++;
                if (run == SHIFT_RUN_LENGTH && firstShift == null) {
                    firstShift = runStart;
                }
            } else {
                run = 0;
            }
        }
        return new SpcCheckResult(
                centre,
                amr,
                lcl,
                ucl,
                nPost == 0 ? Double.NaN : postSum / nPost,
                beyond,
                firstBeyond,
                firstShift != null,
                firstShift,
                pre.length,
                nPost);
    }
}
