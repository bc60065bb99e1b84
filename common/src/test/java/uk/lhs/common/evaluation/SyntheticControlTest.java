package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticControlTest {
    static final LocalDate ORIGIN = LocalDate.of(2021, 1, 1);

    static List<MonthlyValue> series(double[] v) {
        List<MonthlyValue> out = new ArrayList<>();
        for (int t = 0; t < v.length; t++) {
            out.add(MonthlyValue.of(ORIGIN.plusMonths(t), v[t]));
        }
        return out;
    }

    /** Four donors with distinct random paths; exposed = 5 + 0.25·d1 + 0.75·d3 (+ shift after month 24). */
    static Map<String, List<MonthlyValue>> donors(double[][] d) {
        Map<String, List<MonthlyValue>> m = new LinkedHashMap<>();
        for (int j = 0; j < d.length; j++) {
            m.put("D" + j, series(d[j]));
        }
        return m;
    }

    @Test
    void recoversWeightsOffsetAndShiftAndRanksFirstAmongPlacebos() {
        Random rnd = new Random(3);
        int n = 36;
        double[][] d = new double[4][n];
        for (int j = 0; j < 4; j++) {
            double level = 60 + 5 * j;
            for (int t = 0; t < n; t++) {
                level += rnd.nextGaussian();
                d[j][t] = level;
            }
        }
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 5 + 0.25 * d[1][t] + 0.75 * d[3][t] + (t >= 24 ? 3 : 0);
        }
        LocalDate start = ORIGIN.plusMonths(24);
        SeriesWindow w = SeriesWindow.of(series(y), start, start);
        ComparatorPanel panel = ComparatorPanel.align(w, donors(d));
        SyntheticControlResult r = SyntheticControl.fit(w, panel, true, 2, 0.05, HacForm.SMALL_SAMPLE);
        assertArrayEquals(new double[] {0, 0.25, 0, 0.75}, r.weights(), 1e-8);
        assertEquals(5, r.intercept(), 1e-6);
        assertEquals(3, r.estimate(), 1e-6);
        assertEquals(0, r.preRmspe(), 1e-6);
        assertEquals(1.0 / 5, r.placeboP(), 1e-12, "exposed has the largest post/pre RMSPE ratio of 5 units");
    }

    @Test
    void withoutDemeaningTheOffsetIsNotRemoved() {
        double[][] d = {{1, 2, 3, 4, 5, 6}, {3, 3, 3, 3, 3, 3}};
        double[] y = {12, 12.5, 13, 13.5, 14, 14.5};
        LocalDate start = ORIGIN.plusMonths(4);
        SeriesWindow w = SeriesWindow.of(series(y), start, start);
        ComparatorPanel panel = ComparatorPanel.align(w, donors(d));
        SyntheticControlResult plain = SyntheticControl.fit(w, panel, false, 0, 0.05, HacForm.PLAIN);
        assertEquals(0, plain.intercept(), 0);
        assertTrue(plain.preRmspe() > 5, "the exposed series lies far above both donors");
        SyntheticControlResult demeaned = SyntheticControl.fit(w, panel, true, 0, 0.05, HacForm.PLAIN);
        // y − 12 tracks 0.5·(d0 − 1) + 0.5·(d1 − 3) in the pre period exactly.
        assertArrayEquals(new double[] {0.5, 0.5}, demeaned.weights(), 1e-9);
        assertEquals(0, demeaned.preRmspe(), 1e-9);
    }

    @Test
    void dropsComparatorsWithMissingMonths() {
        double[][] d = {{1, 2, 3, 4, 5, 6}, {3, 3, 3, 3, 3, 3}, {1, 1, 1, 1, 1, 1}};
        Map<String, List<MonthlyValue>> m = donors(d);
        m.put("D2", m.get("D2").subList(0, 5));
        double[] y = {1, 2, 3, 4, 5, 6};
        LocalDate start = ORIGIN.plusMonths(4);
        ComparatorPanel panel = ComparatorPanel.align(SeriesWindow.of(series(y), start, start), m);
        assertEquals(List.of("D0", "D1"), panel.codes());
    }
}
