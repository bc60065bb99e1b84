package uk.lhs.common.evaluation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.lhs.common.evaluation.Attribution;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.CaveatCode;
import uk.lhs.common.evaluation.Method;
import uk.lhs.common.evaluation.MethodResult;
import uk.lhs.common.evaluation.Severity;
import uk.lhs.common.evaluation.register.RegisterYaml;

class StatementsTest {
    private static final UnitContext UNIT = new UnitContext(
            RegisterYaml.parse("""
      - {id: INT-1, title: "Front-door triage", scope: {trusts: [T1]}, indicators: [ae_4hr_type1],
         start: "2024-04", expected_direction: increase}
      """, "t").entries().get(0),
            "ae_4hr_type1",
            "trust",
            "T1",
            "Trust One",
            "proportion",
            List.of("T2"),
            "Y1",
            "run");

    private static MethodResult row(Method m, double est, double lo, double hi, Attribution a, List<Caveat> c) {
        return new MethodResult(m, est, lo, hi, 0.01, 24, 9, a, c, Map.of("available", Double.isNaN(est) ? 0.0 : 1.0));
    }

    @Test
    void methodRowsGiveSizeIntervalAndAssociation() {
        String s = Statements.of(UNIT, row(Method.ITS, 0.0512, 0.031, 0.072, null, List.of()));
        assertEquals(
                "Interrupted time series: ae_4hr_type1 at T1 (Trust One) was 5.1 percentage points higher after"
                        + " INT-1 (Front-door triage) than the earlier trend predicted (95% interval +3.1 to +7.2); this is an"
                        + " association, not proof of effect.",
                s);
    }

    @Test
    void methodsThatCouldNotRunSayWhy() {
        UnitContext alone = new UnitContext(
                UNIT.intervention(), "ae_4hr_type1", "trust", "T1", null, "proportion", List.of(), null, "run");
        assertEquals(
                "Difference-in-differences could not be run for ae_4hr_type1 at T1 after INT-1 (Front-door"
                        + " triage): no comparison organisation had complete data.",
                Statements.of(alone, row(Method.DID, Double.NaN, Double.NaN, Double.NaN, null, List.of())));
    }

    @Test
    void summariesNameConfoundersAndNeverClaimCause() {
        List<Caveat> c = List.of(
                new Caveat(CaveatCode.REGRESSION_TO_MEAN, Severity.WARNING, "m"),
                new Caveat(CaveatCode.AUTOCORRELATION, Severity.INFO, "m"));
        String weak =
                Statements.of(UNIT, row(Method.SUMMARY, 0.04, 0.01, 0.07, Attribution.CHANGE_ATTRIBUTION_WEAK, c));
        assertEquals(
                "ae_4hr_type1 at T1 (Trust One) rose by about 4.0 percentage points after INT-1 (Front-door"
                        + " triage); the change is associated with the intervention, but other explanations cannot be ruled out"
                        + " (a return to normal after unusually poor months).",
                weak);
        for (Attribution a : Attribution.values()) {
            String s = Statements.of(UNIT, row(Method.SUMMARY, 0.04, 0.01, 0.07, a, List.of()));
            assertFalse(s.toLowerCase(java.util.Locale.ROOT).contains("caused"), s);
            assertTrue(s.contains("INT-1"), s);
        }
    }

    @Test
    void nonProportionUnitsKeepTheirUnit() {
        UnitContext los =
                new UnitContext(UNIT.intervention(), "los_mean", "trust", "T1", null, "days", List.of(), null, "run");
        assertEquals("0.600 days", Statements.amount(los, 0.6));
    }
}
