package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.Aggregation.Totals;

/** FunnelPlotR tests/testthat/test-aggregate_fun.R (fixtures in /work/shared/reference/peers/FunnelPlotR). */
class AggregationIT {
    @Test
    void reproducesFunnelPlotRAggregation() throws IOException {
        Csv cases = Reference.funnelPlotR("aggregate_cases.csv");
        List<String> groups = new ArrayList<>();
        double[] num = new double[cases.size()];
        double[] den = new double[cases.size()];
        for (int r = 0; r < cases.size(); r++) {
            groups.add(cases.text(r, "group"));
            num[r] = cases.number(r, "numerator");
            den[r] = cases.number(r, "denominator");
        }
        Map<String, Totals> got = Aggregation.byGroup(groups, num, den);
        Csv expected = Reference.funnelPlotR("aggregate_expected.csv");
        assertEquals(expected.size(), got.size());
        for (int r = 0; r < expected.size(); r++) {
            Totals t = got.get(expected.text(r, "group"));
            assertEquals(expected.number(r, "expected_numerator"), t.numerator());
            assertEquals(expected.number(r, "expected_denominator"), t.denominator());
            assertTrue(Reference.matches(t.ratio(), expected.text(r, "expected_rr_6dp")), "rr " + t.ratio());
        }
    }

    @Test
    void ratioOfSumsIsNotTheMeanOfRatios() {
        Totals t = Aggregation.total(new double[] {1, 90}, new double[] {10, 100});
        assertEquals(91.0 / 110.0, t.ratio(), 1e-15);
        assertEquals(2, t.units());
    }

    @Test
    void missingUnitsAreCountedAndZeroDenominatorIsNoData() {
        Totals t = Aggregation.total(new double[] {5, Double.NaN}, new double[] {0, 10});
        assertEquals(1, t.missing());
        assertTrue(Double.isNaN(t.ratio()));
        assertThrows(IllegalArgumentException.class, () -> Aggregation.total(new double[1], new double[2]));
    }
}
