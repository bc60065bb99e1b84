package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ImprovementDirection;

/** Count indicators: comparators of different sizes are compared on the exposed organisation's scale. */
class CountComparisonTest {
    private static final LocalDate ORIGIN = LocalDate.of(2022, 4, 1);

    private static List<MonthlyValue> counts(double[] y) {
        List<MonthlyValue> s = new ArrayList<>();
        for (int t = 0; t < y.length; t++) {
            s.add(new MonthlyValue(ORIGIN.plusMonths(t), y[t], y[t], Double.NaN));
        }
        return s;
    }

    @Test
    void countsAreRecognisedAndProportionsAreNot() {
        assertTrue(InterventionEvaluator.isCount(counts(new double[] {3, 4})));
        assertFalse(InterventionEvaluator.isCount(List.of(new MonthlyValue(ORIGIN, 0.5, 5, 10))));
        assertFalse(InterventionEvaluator.isCount(List.of(MonthlyValue.of(ORIGIN, 70))));
        assertFalse(InterventionEvaluator.isCount(List.of()));
    }

    @Test
    void scaledComparatorsMatchTheExposedPreMean() {
        double[] y = {100, 110, 90, 100, 200};
        double[] c = {1000, 1000, 1000, 1000, 1500};
        LocalDate start = ORIGIN.plusMonths(4);
        SeriesWindow w = SeriesWindow.of(counts(y), start, start);
        ComparatorPanel p = ComparatorPanel.align(w, Map.of("C", counts(c))).scaledTo(w);
        assertEquals(List.of("C"), p.codes());
        assertEquals(100, p.values()[0][0], 1e-12);
        assertEquals(150, p.values()[0][4], 1e-12);
    }

    @Test
    void didOnCountsOfGrowingListsOfDifferentSizesRecoversTheShift() {
        // Three trusts' lists grow 0.3% a month; the exposed one (a tenth of the size) loses 60 pathways from month 24.
        Random rnd = new Random(3);
        int n = 36;
        double[] y = new double[n];
        double[][] c = new double[3][n];
        for (int t = 0; t < n; t++) {
            double growth = Math.pow(1.003, t);
            y[t] = 1000 * growth * (1 + 0.01 * rnd.nextGaussian()) - (t >= 24 ? 60 : 0);
            for (int j = 0; j < 3; j++) {
                c[j][t] = 10_000 * (j + 1) * growth * (1 + 0.01 * rnd.nextGaussian());
            }
        }
        LocalDate start = ORIGIN.plusMonths(24);
        EvaluationInput in = new EvaluationInput(
                counts(y),
                Map.of("A", counts(c[0]), "B", counts(c[1]), "C", counts(c[2])),
                List.of(),
                start,
                0,
                ImprovementDirection.DECREASE,
                ImprovementDirection.DECREASE,
                List.of(),
                false,
                null);
        MethodResult did = InterventionEvaluator.evaluate(in).row(Method.DID);
        assertTrue(did.ciLower() <= -60 && -60 <= did.ciUpper(), "DiD covers the true -60: " + did);
    }
}
