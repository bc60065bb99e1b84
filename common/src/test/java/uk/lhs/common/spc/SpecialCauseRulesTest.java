package uk.lhs.common.spc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Edge cases of the four MDC rules, with a centre line at 0, limits at ±3 and near lines at ±2. */
class SpecialCauseRulesTest {
    private static final double NaN = Double.NaN;

    private static SpecialCauseRules.Flags run(SpcOptions o, double... y) {
        double[] lower = fill(y.length, -3);
        double[] upper = fill(y.length, 3);
        return SpecialCauseRules.evaluate(y, 0.0, lower, upper, fill(y.length, -2), fill(y.length, 2), o);
    }

    private static SpecialCauseRules.Flags run(double... y) {
        return run(SpcOptions.defaults(), y);
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static boolean[] flags(String pattern) {
        boolean[] b = new boolean[pattern.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = pattern.charAt(i) == '1';
        }
        return b;
    }

    @Test
    void outsideIsStrict() {
        assertArrayEquals(flags("01001"), run(0, 3.01, 3, -3, -3.5).outside());
    }

    @Test
    void trendOfSevenFlagsAllSevenAndSixDoNot() {
        assertArrayEquals(flags("1111111"), run(-1.5, -1, -.5, 0, .5, 1, 1.5).trend());
        assertArrayEquals(
                flags("11111110"), run(-1.5, -1, -.5, 0, .5, 1, 1.5, 1.4).trend());
        assertArrayEquals(flags("000000"), run(-1.5, -1, -.5, 0, .5, 1).trend());
        SpecialCauseRules.Flags down = run(1.5, 1, .5, 0, -.5, -1, -1.5);
        assertArrayEquals(flags("1111111"), down.trend());
        assertArrayEquals(flags("0000000"), down.trendUp());
    }

    @Test
    void aTieBreaksATrend() {
        // 4 rising points, a tie, then 7 rising points: only the last seven (from the tied value) form a trend.
        assertArrayEquals(
                flags("00001111111"),
                run(-2, -1.9, -1.8, -1.7, -1.7, -1, -.5, 0, .5, 1, 1.5).trend());
        assertArrayEquals(
                flags("00000000"), run(-1.5, -1, -.5, 0, 0, .5, 1, 1.5).trend());
    }

    @Test
    void aPeakSharedByTwoTrendsKeepsTheFirstDirection() {
        SpecialCauseRules.Flags f = run(-1.5, -1, -.5, 0, .5, 1, 1.5, 1, .5, 0, -.5, -1, -1.5);
        assertArrayEquals(flags("1111111111111"), f.trend());
        assertArrayEquals(flags("1111111000000"), f.trendUp());
    }

    @Test
    void trendLengthIsAnOption() {
        SpcOptions six = SpcOptions.builder().trendLength(6).build();
        assertArrayEquals(flags("111111"), run(six, -1.5, -1, -.5, 0, .5, 1).trend());
    }

    @Test
    void shiftOfSevenOnOneSide() {
        assertArrayEquals(flags("01111111"), run(-1, 1, 1, 1, 1, 1, 1, 1).shift());
        assertArrayEquals(flags("0000000"), run(-1, 1, 1, 1, 1, 1, 1).shift());
        assertArrayEquals(flags("1111111"), run(-1, -1, -1, -1, -1, -1, -1).shift());
    }

    @Test
    void aPointOnTheMeanBreaksAShift() {
        assertArrayEquals(flags("00000000"), run(1, 1, 1, 0, 1, 1, 1, 1).shift());
    }

    @Test
    void shiftLengthIsAnOption() {
        SpcOptions six = SpcOptions.builder().shiftLength(6).build();
        assertArrayEquals(flags("0111111"), run(six, -1, 1, 1, 1, 1, 1, 1).shift());
    }

    @Test
    void twoOfThreeFlagsOnlyTheNearPoints() {
        SpecialCauseRules.Flags f = run(2.5, 0.5, 2.5);
        assertArrayEquals(flags("101"), f.twoOfThree());
        assertArrayEquals(flags("011"), run(0.5, 2.1, 2.9).twoOfThree());
        assertArrayEquals(flags("110"), run(-2.5, -2.2, -0.1).twoOfThree());
    }

    @Test
    void twoOfThreeNeedsAllThreeOnTheSameSide() {
        assertArrayEquals(flags("000"), run(2.5, -0.5, 2.5).twoOfThree());
        assertArrayEquals(flags("000"), run(2.5, -2.5, 2.5).twoOfThree());
        assertArrayEquals(flags("000"), run(2.5, 0, 2.5).twoOfThree());
    }

    @Test
    void theNearLineItselfIsNotNear() {
        assertArrayEquals(flags("000"), run(2, 2, 1).twoOfThree());
    }

    @Test
    void pointsBeyondTheLimitsCountOnlyInThe2023Variant() {
        assertArrayEquals(flags("000"), run(3.5, 2.5, 0.5).twoOfThree());
        SpcOptions mdc2023 = SpcOptions.builder().twoOfThreeIncludesBeyond(true).build();
        assertArrayEquals(flags("110"), run(mdc2023, 3.5, 2.5, 0.5).twoOfThree());
    }

    @Test
    void missingValuesCarryNoFlagsAndNeitherBreakNorExtendRuns() {
        // Shift: 7 non-missing points above with a gap in the middle.
        SpecialCauseRules.Flags f = run(1, 1, 1, NaN, 1, 1, 1, 1);
        assertArrayEquals(flags("11101111"), f.shift());
        // Six points and a gap are not a shift of seven.
        assertArrayEquals(flags("0000000"), run(1, 1, 1, NaN, 1, 1, 1).shift());
        // Trend across a gap.
        assertArrayEquals(
                flags("11101111"), run(-1.5, -1, -.5, NaN, 0, .5, 1, 1.5).trend());
        // Two-of-three across a gap: the window is the next three non-missing points.
        assertArrayEquals(flags("1001"), run(2.5, NaN, 0.5, 2.5).twoOfThree());
        SpecialCauseRules.Flags gap = run(NaN, 5, NaN);
        assertArrayEquals(flags("010"), gap.outside());
        assertArrayEquals(flags("000"), gap.shift());
    }

    @Test
    void seriesShorterThanTheRulesFlagNothing() {
        SpecialCauseRules.Flags f = run(1, 2);
        assertArrayEquals(flags("00"), f.trend());
        assertArrayEquals(flags("00"), f.shift());
        assertArrayEquals(flags("00"), f.twoOfThree());
        SpecialCauseRules.Flags none = run();
        assertArrayEquals(new boolean[0], none.shift());
    }

    @Test
    void undefinedLimitsGiveNoOutsideOrNearFlags() {
        double[] y = {5, 5, 5};
        double[] nan = fill(3, NaN);
        SpecialCauseRules.Flags f = SpecialCauseRules.evaluate(y, 0, nan, nan, nan, nan, SpcOptions.defaults());
        assertArrayEquals(flags("000"), f.outside());
        assertArrayEquals(flags("000"), f.twoOfThree());
    }
}
