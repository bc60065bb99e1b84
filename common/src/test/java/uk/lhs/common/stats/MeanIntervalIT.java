package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mean with Student's t interval from (Σx, Σx², n) against PHEindicatormethods {@code phe_mean}: the individual
 * values of test_Mean.csv are summed per area (and over all, PHE's "No grouping" row) here, and
 * value, 95% and 99.8% limits must equal test_Mean_results.csv.
 */
class MeanIntervalIT {
    /** PHE prints 15 significant digits; the one-pass variance loses a few more to cancellation. */
    private static final double RELATIVE = 1e-9;
    /** PHE's row for every value together (the sums of the areas). */
    private static final String NO_GROUPING = "No grouping";

    @Test
    void reproducesPheMeanFromSums() throws IOException {
        Csv values = Reference.phe("test_Mean.csv");
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (int r = 0; r < values.size(); r++) {
            double x = values.number(r, "values");
            for (String area : new String[] {values.text(r, "area"), NO_GROUPING}) {
                double[] s = sums.computeIfAbsent(area, k -> new double[3]);
                s[0] += x;
                s[1] += x * x;
                s[2] += 1;
            }
        }
        Csv expected = Reference.phe("test_Mean_results.csv");
        int compared = 0;
        for (int r = 0; r < expected.size(); r++) {
            double[] s = sums.get(expected.text(r, "area"));
            assertEquals(expected.number(r, "value_count"), s[2], "count of " + expected.text(r, "area"));
            Estimate e95 = MeanInterval.mean(s[0], s[1], s[2], 0.95);
            Estimate e998 = MeanInterval.mean(s[0], s[1], s[2], 0.998);
            close(expected.number(r, "value"), e95.value());
            close(expected.number(r, "lower95_0cl"), e95.lower());
            close(expected.number(r, "upper95_0cl"), e95.upper());
            close(expected.number(r, "lower99_8cl"), e998.lower());
            close(expected.number(r, "upper99_8cl"), e998.upper());
            assertEquals(Estimate.CiMethod.STUDENT_T, e95.method());
            compared++;
        }
        assertEquals(3, compared, "every area of the reference compared");
    }

    @Test
    void noDataWithoutValuesAndNoLimitsFromOneValue() {
        assertFalse(MeanInterval.mean(0, 0, 0, 0.95).hasData());
        assertFalse(MeanInterval.mean(Double.NaN, 1, 2, 0.95).hasData());
        Estimate one = MeanInterval.mean(4, 16, 1, 0.95);
        assertTrue(one.hasData());
        assertEquals(4, one.value(), 0);
        assertTrue(Double.isNaN(one.lower()) && Double.isNaN(one.upper()));
        // All values equal: zero variance, a zero-width interval (not NaN from rounding below zero).
        Estimate same = MeanInterval.mean(3 * 0.1, 3 * 0.1 * 0.1, 3, 0.95);
        assertEquals(0.1, same.lower(), 1e-12);
        assertEquals(0.1, same.upper(), 1e-12);
    }

    private static void close(double expected, double actual) {
        assertEquals(expected, actual, RELATIVE * Math.abs(expected) + 1e-12);
    }
}
