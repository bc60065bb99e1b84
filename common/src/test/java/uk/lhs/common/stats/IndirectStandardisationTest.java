package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.IndirectStandardisation.Cell;
import uk.lhs.common.stats.IndirectStandardisation.Neumaier;

class IndirectStandardisationTest {
    @Test
    void expectedIsTheSumOfLocalCountsTimesReferenceRates() {
        // Two cells: 100 × 10/200 + 50 × 30/100 = 5 + 15 = 20; a cell without reference population adds nothing.
        List<Cell> cells = List.of(new Cell(100, 10, 200), new Cell(50, 30, 100), new Cell(7, 0, 0));
        assertEquals(20.0, IndirectStandardisation.expected(cells), 1e-12);
        Estimate isr = IndirectStandardisation.ratio(25, cells, 0.95, 1);
        assertEquals(1.25, isr.value(), 1e-12);
        assertEquals(Estimate.CiMethod.BYAR, isr.method());
        assertTrue(isr.lower() < 1.25 && isr.upper() > 1.25);
    }

    @Test
    void neumaierSumIsOrderIndependentWhereThePlainSumIsNot() {
        // Terms spanning 30 orders of magnitude, as expected probabilities near separation do.
        SplittableRandom random = new SplittableRandom(19);
        List<Double> terms = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            terms.add(Math.exp(-30 * random.nextDouble()) * (random.nextBoolean() ? 1 : 1e-12));
        }
        BigDecimal exact = BigDecimal.ZERO;
        for (double t : terms) {
            exact = exact.add(new BigDecimal(t));
        }
        double plainForward = 0;
        Neumaier forward = new Neumaier();
        for (double t : terms) {
            plainForward += t;
            forward.add(t);
        }
        Collections.sort(terms);
        double plainSorted = 0;
        Neumaier sorted = new Neumaier();
        for (double t : terms) {
            plainSorted += t;
            sorted.add(t);
        }
        assertNotEquals(plainForward, plainSorted, "the plain sum depends on the order here");
        assertEquals(exact.doubleValue(), forward.value(), 0.0);
        assertEquals(exact.doubleValue(), sorted.value(), 0.0);
    }
}
