package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ImprovementDirection;

class XmrCheckTest {
    private static final double[] VALUES = {
        10,
        12,
        11,
        13,
        12,
        10,
        11,
        12,
        13,
        11,
        12,
        11, // pre: mean 11.5, moving ranges sum 15 over 11
        12,
        16,
        12.5,
        13,
        12,
        14,
        13,
        12.5,
        11 // post
    };
    private static final LocalDate START = SyntheticControlTest.ORIGIN.plusMonths(12);

    @Test
    void frozenLimitsPointBeyondAndShiftOfSeven() {
        SeriesWindow w = SeriesWindow.of(SyntheticControlTest.series(VALUES), START, START);
        SpcCheckResult r = XmrCheck.check(w, ImprovementDirection.INCREASE);
        double amr = 15.0 / 11;
        assertEquals(11.5, r.centre(), 1e-12);
        assertEquals(amr, r.averageMovingRange(), 1e-12);
        assertEquals(11.5 + 2.66 * amr, r.upperLimit(), 1e-12);
        assertEquals(11.5 - 2.66 * amr, r.lowerLimit(), 1e-12);
        assertEquals(1, r.pointsBeyondLimits());
        assertEquals(START.plusMonths(1), r.firstBeyondLimits());
        assertTrue(r.shiftDetected());
        assertEquals(START, r.firstShiftStart(), "run of 7 above the centre starts in the first post month");
    }

    @Test
    void signalsOnlyCountInTheExpectedDirection() {
        SpcCheckResult r = XmrCheck.check(
                SeriesWindow.of(SyntheticControlTest.series(VALUES), START, START), ImprovementDirection.DECREASE);
        assertEquals(0, r.pointsBeyondLimits());
        assertFalse(r.shiftDetected());
        assertNull(r.firstShiftStart());
    }

    @Test
    void sixPointsAreNotAShift() {
        double[] v = VALUES.clone();
        v[18] = 11; // the 7th post point now falls below the centre line
        SpcCheckResult r = XmrCheck.check(
                SeriesWindow.of(SyntheticControlTest.series(v), START, START), ImprovementDirection.INCREASE);
        assertFalse(r.shiftDetected());
    }
}
