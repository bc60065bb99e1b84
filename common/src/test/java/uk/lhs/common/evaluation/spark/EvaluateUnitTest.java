package uk.lhs.common.evaluation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.evaluation.MonthlyValue;
import uk.lhs.common.vocab.ImprovementDirection;

class EvaluateUnitTest {
    private static final LocalDate M1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate M2 = LocalDate.of(2024, 2, 1);

    @Test
    void theWiderSeriesLosesTheExposedCounts() {
        List<MonthlyValue> region = List.of(
                new MonthlyValue(M1, 0.75, 750, 1000),
                new MonthlyValue(M2, 0.8, 800, 1000),
                MonthlyValue.of(LocalDate.of(2024, 3, 1), 0.7));
        List<MonthlyValue> exposed = List.of(new MonthlyValue(M1, 0.9, 180, 200), new MonthlyValue(M2, 0.5, 50, 100));
        List<MonthlyValue> out = EvaluateUnit.withoutExposed(region, exposed);
        assertEquals((750 - 180) / 800.0, out.get(0).value(), 1e-12);
        assertEquals(1000.0 - 200, out.get(0).denominator(), 0);
        assertEquals((800 - 50) / 900.0, out.get(1).value(), 1e-12);
        assertEquals(0.7, out.get(2).value(), 0, "no counts: the published value is kept");
    }

    @Test
    void seriesWhoseValueIsNotTheRatioAreLeftAlone() {
        List<MonthlyValue> region = List.of(new MonthlyValue(M1, 42.0, 750, 1000));
        List<MonthlyValue> exposed = List.of(new MonthlyValue(M1, 0.9, 180, 200));
        assertEquals(42.0, EvaluateUnit.withoutExposed(region, exposed).get(0).value(), 0);
    }

    @Test
    void neutralIndicatorsTakeTheExpectedDirection() {
        assertEquals(
                ImprovementDirection.DECREASE,
                EvaluateUnit.improvementDirection("decrease", ImprovementDirection.INCREASE));
        assertEquals(
                ImprovementDirection.INCREASE,
                EvaluateUnit.improvementDirection("neutral", ImprovementDirection.INCREASE));
        assertEquals(
                ImprovementDirection.DECREASE, EvaluateUnit.improvementDirection(null, ImprovementDirection.DECREASE));
    }

    @Test
    void aClosureCountsOnlyInsideTheSeriesWindow() {
        List<MonthlyValue> s = List.of(MonthlyValue.of(M1, 1), MonthlyValue.of(M2, 1));
        assertTrue(EvaluateUnit.changedWithin(List.of(LocalDate.of(2024, 2, 15)), s));
        assertFalse(EvaluateUnit.changedWithin(List.of(LocalDate.of(2023, 12, 31)), s));
        assertFalse(EvaluateUnit.changedWithin(List.of(LocalDate.of(2024, 3, 1)), s));
        assertFalse(EvaluateUnit.changedWithin(List.of(), s));
    }
}
