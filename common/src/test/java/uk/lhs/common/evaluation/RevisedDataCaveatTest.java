package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REVISED_DATA: raised exactly when a revision inside the analysed window moved the exposed series. */
class RevisedDataCaveatTest {
    private static EvaluationResult evaluate(List<Revision> revisions) {
        EvaluationInput in = new InterventionEvaluatorTest.Scenario().build();
        return InterventionEvaluator.evaluate(new EvaluationInput(
                in.exposed(),
                in.comparators(),
                in.region(),
                in.interventionStart(),
                in.implementationMonths(),
                in.expectedDirection(),
                in.improvementDirection(),
                in.otherInterventions(),
                in.orgChanged(),
                in.options(),
                revisions));
    }

    private static List<Caveat> revised(EvaluationResult r) {
        return r.caveats().stream()
                .filter(c -> c.code() == CaveatCode.REVISED_DATA)
                .toList();
    }

    @Test
    void aRevisionInsideTheWindowIsNamedWithItsMonthAndSize() {
        // The scenario's window: 36 months before and 24 after a start in April 2022.
        List<Caveat> c = revised(evaluate(List.of(new Revision(LocalDate.of(2021, 3, 1), 0.25))));
        assertEquals(1, c.size());
        assertEquals(Severity.INFO, c.get(0).severity());
        assertTrue(c.get(0).message().contains("Mar 2021"), c.get(0).message());
        assertTrue(c.get(0).message().contains("0.25"), c.get(0).message());
        assertTrue(c.get(0).message().contains("revised figures"), c.get(0).message());
    }

    @Test
    void noCaveatWithoutARevisionThatMovedTheSeriesInsideTheWindow() {
        assertEquals(List.of(), revised(evaluate(List.of())));
        assertEquals(List.of(), revised(evaluate(List.of(new Revision(LocalDate.of(2015, 1, 1), 3.0)))), "outside");
        assertEquals(List.of(), revised(evaluate(List.of(new Revision(LocalDate.of(2021, 3, 1), 0.0)))), "no move");
    }

    @Test
    void aValueThatAppearedOrDisappearedCountsWithoutASize() {
        List<Caveat> c = revised(evaluate(List.of(new Revision(LocalDate.of(2020, 1, 1), Double.NaN))));
        assertEquals(1, c.size());
        assertTrue(c.get(0).message().contains("Jan 2020"), c.get(0).message());
    }
}
