package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.Estimate.CiMethod;

/**
 * Reproduces PHEindicatormethods' own test tables (commit 093fd288, exported in
 * /work/shared/reference/peers/PHEindicatormethods; row-to-call mapping from its README / tests/testthat).
 */
class ConfidenceIntervalsIT {
    private static final double RELATIVE = 1e-9;

    private final List<String> mismatches = new ArrayList<>();
    private int compared;

    private void check(String what, double actual, String printed) {
        compared++;
        if (!Reference.matches(actual, printed)) {
            mismatches.add(what + ": expected " + printed + " got " + actual);
        }
    }

    private void assertAllMatched(int expectedCount) {
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " differ: " + mismatches);
        assertEquals(expectedCount, compared, "number of reference values compared");
    }

    @Test
    void zIsTheNormalQuantile() {
        assertEquals(1.959963984540054, ConfidenceIntervals.z(0.95), 1e-15);
        assertEquals(3.090232306167813, ConfidenceIntervals.z(0.998), 1e-14);
    }

    @Test
    void byarAndWilsonReproduceTestBw() throws IOException {
        Csv bw = Reference.phe("test_BW.csv");
        for (int r = 0; r < 12; r++) {
            double x = bw.number(r, "x");
            double conf = bw.text(r, "confidence").equals("95%") ? 0.95 : 0.998;
            if (bw.text(r, "method").equals("Byars")) {
                check("row " + (r + 1) + " byar lower", ConfidenceIntervals.byarLower(x, conf), bw.text(r, "lowercl"));
                check("row " + (r + 1) + " byar upper", ConfidenceIntervals.byarUpper(x, conf), bw.text(r, "uppercl"));
            } else {
                double n = bw.number(r, "n");
                check(
                        "row " + (r + 1) + " wilson lower",
                        ConfidenceIntervals.wilsonLower(x, n, conf),
                        bw.text(r, "lowercl"));
                check(
                        "row " + (r + 1) + " wilson upper",
                        ConfidenceIntervals.wilsonUpper(x, n, conf),
                        bw.text(r, "uppercl"));
            }
        }
        assertAllMatched(24);
    }

    @Test
    void byarLowerIsMissingWhenNegative() throws IOException {
        Csv bw = Reference.phe("test_BW.csv");
        // Row 13: x = 1 at 99.8%: PHE gives NA for the lower limit and 9.362... for the upper.
        assertTrue(Double.isNaN(ConfidenceIntervals.byarLower(1, 0.998)));
        check("row 13 upper", ConfidenceIntervals.byarUpper(1, 0.998), bw.text(12, "uppercl"));
        assertAllMatched(1);
    }

    @Test
    void proportionsReproduceTestProp() throws IOException {
        Csv prop = Reference.phe("test_Prop.csv");
        for (int r = 0; r < prop.size(); r++) {
            double x = prop.number(r, "Numerator");
            double n = prop.number(r, "Denominator");
            double mult = prop.number(r, "multiplier");
            Estimate e95 = ConfidenceIntervals.proportion(x, n, 0.95, mult);
            Estimate e998 = ConfidenceIntervals.proportion(x, n, 0.998, mult);
            String row = "row " + (r + 1);
            check(row + " value", e95.value(), prop.text(r, "value"));
            check(row + " lower95", e95.lower(), prop.text(r, "lower95_0cl"));
            check(row + " upper95", e95.upper(), prop.text(r, "upper95_0cl"));
            check(row + " lower998", e998.lower(), prop.text(r, "lower99_8cl"));
            check(row + " upper998", e998.upper(), prop.text(r, "upper99_8cl"));
            assertEquals(Double.isNaN(x) || Double.isNaN(n), !e95.hasData(), row);
        }
        assertAllMatched(19 * 5);
    }

    @Test
    void ratesReproduceTestRateIncludingMethod() throws IOException {
        Csv rate = Reference.phe("test_Rate.csv");
        for (int r = 0; r < rate.size(); r++) {
            double x = rate.number(r, "Numerator");
            double n = rate.number(r, "Denominator");
            double mult = rate.number(r, "multiplier");
            Estimate e95 = ConfidenceIntervals.rate(x, n, 0.95, mult);
            Estimate e998 = ConfidenceIntervals.rate(x, n, 0.998, mult);
            String row = "row " + (r + 1);
            check(row + " value", e95.value(), rate.text(r, "value"));
            check(row + " lower95", e95.lower(), rate.text(r, "lower95_0cl"));
            check(row + " upper95", e95.upper(), rate.text(r, "upper95_0cl"));
            check(row + " lower998", e998.lower(), rate.text(r, "lower99_8cl"));
            check(row + " upper998", e998.upper(), rate.text(r, "upper99_8cl"));
            if (e95.hasData()) {
                assertEquals(
                        rate.text(r, "method").equals("Exact") ? CiMethod.EXACT : CiMethod.BYAR, e95.method(), row);
            }
        }
        assertAllMatched(20 * 5);
    }

    @Test
    void groupedProportionsAndRatesReproduceTheGroupedTables() throws IOException {
        // test_Prop_g_results / test_Rate_g_results: the same calls on numerators and denominators summed by area.
        Csv prop = Reference.phe("test_Prop_g_results.csv");
        for (int r = 0; r < prop.size(); r++) {
            Estimate e = ConfidenceIntervals.proportion(
                    prop.number(r, "Numerator"), prop.number(r, "Denominator"), 0.95, prop.number(r, "multiplier"));
            check("prop g row " + (r + 1) + " value", e.value(), prop.text(r, "value"));
            check("prop g row " + (r + 1) + " lower", e.lower(), prop.text(r, "lowercl"));
            check("prop g row " + (r + 1) + " upper", e.upper(), prop.text(r, "uppercl"));
        }
        Csv rate = Reference.phe("test_Rate_g_results.csv");
        for (int r = 0; r < rate.size(); r++) {
            Estimate e = ConfidenceIntervals.rate(
                    rate.number(r, "Numerator"), rate.number(r, "Denominator"), 0.95, rate.number(r, "multiplier"));
            check("rate g row " + (r + 1) + " value", e.value(), rate.text(r, "value"));
            check("rate g row " + (r + 1) + " lower", e.lower(), rate.text(r, "lowercl"));
            check("rate g row " + (r + 1) + " upper", e.upper(), rate.text(r, "uppercl"));
        }
        assertAllMatched((11 + 12) * 3);
    }

    @Test
    void isRatiosReproduceTestIsrResults() throws IOException {
        // Rows 7-12: calculate_ISRatio (x1 and x100) and rows 1-6: calculate_ISRate (ratio x reference rate), both from
        // observed and the expected printed in the same table.
        Csv isr = Reference.phe("test_ISR_results.csv");
        for (int r = 0; r < 12; r++) {
            double o = isr.number(r, "observed");
            double e = isr.number(r, "expected");
            String statistic = isr.text(r, "statistic");
            double mult;
            if (statistic.startsWith("indirectly standardised ratio")) {
                mult = statistic.endsWith("x 100") ? 100 : 1;
            } else {
                // ISRate = O/E x the reference rate, which the table prints already per 100000 or per 1000.
                mult = isr.number(r, "ref_rate");
            }
            Estimate e95 = ConfidenceIntervals.ratio(o, e, 0.95, mult);
            Estimate e998 = ConfidenceIntervals.ratio(o, e, 0.998, mult);
            String row = "row " + (r + 1);
            check(row + " value", e95.value(), isr.text(r, "value"));
            check(row + " lower95", e95.lower(), isr.text(r, "lower95_0cl"));
            check(row + " upper95", e95.upper(), isr.text(r, "upper95_0cl"));
            check(row + " lower998", e998.lower(), isr.text(r, "lower99_8cl"));
            check(row + " upper998", e998.upper(), isr.text(r, "upper99_8cl"));
            assertEquals(isr.text(r, "method").equals("Exact") ? CiMethod.EXACT : CiMethod.BYAR, e95.method(), row);
        }
        assertAllMatched(12 * 5);
    }

    @Test
    void expectedCountIsTheReferenceRatesAppliedToLocalPopulations() throws IOException {
        // test_ISR_ownref "testdata_big": E = sum(refcount/refpop * pop) = 835.883561231174 (test_ISR_results).
        Csv own = Reference.phe("test_ISR_ownref.csv");
        double expected = 0;
        for (int r = 0; r < own.size(); r++) {
            if (own.text(r, "area").equals("testdata_big")) {
                expected += own.number(r, "refcount") / own.number(r, "refpop") * own.number(r, "pop");
            }
        }
        check("expected", expected, "835.883561231174");
        assertAllMatched(1);
    }

    @Test
    void readmissionsRatioUsesByarEvenForSmallCounts() {
        Estimate e = ConfidenceIntervals.ratioByar(5, 4, 0.95, 100);
        assertEquals(CiMethod.BYAR, e.method());
        assertEquals(125.0, e.value(), 1e-12);
        // NHS OF 3b: UL = (O+1)/E (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3 x 100, by hand with z = qnorm(0.975).
        double z = 1.959963984540054;
        double ul = 6.0 / 4 * Math.pow(1 - 1 / 54.0 + z / (3 * Math.sqrt(6)), 3) * 100;
        assertEquals(ul, e.upper(), ul * RELATIVE);
    }

    @Test
    void zeroNumeratorIsDataWithAnUpperLimit() {
        Estimate p = ConfidenceIntervals.proportion(0, 50, 0.95, 100);
        assertTrue(p.hasData());
        assertEquals(0.0, p.value());
        assertEquals(0.0, p.lower(), 1e-15);
        assertTrue(p.upper() > 0);
        Estimate r = ConfidenceIntervals.rate(0, 1000, 0.95, 1000);
        assertEquals(CiMethod.EXACT, r.method());
        assertEquals(0.0, r.lower());
        // qchisq(0.975, 2)/2 = -log(0.025) = 3.688879..., per 1000 population x 1000.
        assertEquals(-Math.log(0.025), r.upper(), 1e-10);
    }

    @Test
    void invalidDataIsNoDataNeverZero() {
        List<Estimate> none = List.of(
                ConfidenceIntervals.proportion(Double.NaN, 10, 0.95, 1),
                ConfidenceIntervals.proportion(3, 0, 0.95, 1),
                ConfidenceIntervals.proportion(11, 10, 0.95, 1),
                ConfidenceIntervals.proportion(-1, 10, 0.95, 1),
                ConfidenceIntervals.rate(5, 0, 0.95, 1000),
                ConfidenceIntervals.rate(5, Double.NaN, 0.95, 1000),
                ConfidenceIntervals.ratio(5, 0, 0.95, 100),
                ConfidenceIntervals.ratioByar(5, -1, 0.95, 100),
                ConfidenceIntervals.count(-2, 0.95));
        for (Estimate e : none) {
            assertFalse(e.hasData(), e.toString());
            assertTrue(Double.isNaN(e.value()) && Double.isNaN(e.lower()) && Double.isNaN(e.upper()), e.toString());
            assertEquals(CiMethod.NONE, e.method());
        }
        assertEquals("numerator greater than denominator", none.get(2).reason());
        assertEquals("zero or negative denominator", none.get(1).reason());
        // A rate may exceed 1 per head (test_Rate row 20), unlike a proportion.
        assertTrue(ConfidenceIntervals.rate(250, 220, 0.95, 1e5).hasData());
    }

    @Test
    void confidenceMustBeAFraction() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ConfidenceIntervals.proportion(1, 2, 95, 1));
        assertTrue(e.getMessage().contains("0.95 rather than 95"));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceIntervals.z(1.0));
    }

    @Test
    void countFollowsThePheExactBelowTenRule() {
        assertEquals(CiMethod.EXACT, ConfidenceIntervals.count(9, 0.95).method());
        assertEquals(CiMethod.BYAR, ConfidenceIntervals.count(10, 0.95).method());
        // Exact lower limit for 9 events is qchisq(0.025, 18)/2 = 4.115373 (standard tables, e.g. Ulm 1990).
        assertEquals(4.115373, ConfidenceIntervals.count(9, 0.95).lower(), 1e-6);
    }
}
