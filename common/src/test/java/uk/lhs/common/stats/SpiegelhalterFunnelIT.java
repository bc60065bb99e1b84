package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.FunnelLimits.Limits;
import uk.lhs.common.stats.SpiegelhalterFunnel.DataType;
import uk.lhs.common.stats.SpiegelhalterFunnel.Options;
import uk.lhs.common.stats.SpiegelhalterFunnel.Position;
import uk.lhs.common.stats.SpiegelhalterFunnel.Result;

/**
 * FunnelPlotR fixtures (/work/shared/reference/peers/FunnelPlotR, commit 9020d49, from its tests/testthat) and an
 * independent NumPy/SciPy recomputation of the same formulas for the other data types. The Python used:
 *
 * <pre>
 * s, z per type (SHMI: 1/sqrt(E), sqrt(E) log(O/E); CQC: 1/(2 sqrt E), (sqrt(O/E)-1)/s;
 *   PR: 1/(2 sqrt N), (asin sqrt p - asin sqrt t)/s; RC: sqrt(O/(O+.5)^2 + N/(N+.5)^2), (log((O+.5)/(N+.5)) - log t)/s)
 * SHMI: r = scipy.stats.rankdata(z); sp = floor(r k/(n+1)); keep 0 &lt; sp &lt; k-1.  Others: np.clip(z, *np.quantile(z, [.1, .9]))
 * phi = sum(z^2)/n; w = 1/s^2; tau2 = 0 if n phi &lt; n-1 else max(0, (n phi-(n-1))/(sum w - sum w^2/sum w))
 * limits at d: norm.ppf(.975), norm.ppf(.999) with sd = sqrt(1/d + tau2) (SHMI) or sqrt(1/(4d) + tau2)
 * </pre>
 */
class SpiegelhalterFunnelIT {
    private static final double[] O6 = {100, 150, 180, 80, 120, 225};
    private static final double[] E6 = {108, 112, 165, 95, 100, 220};
    private static final double TIGHT = 1e-10;

    @Test
    void inputFixtureIsTheOneDescribed() throws IOException {
        Csv in = Reference.funnelPlotR("funnel_sr_6groups_input.csv");
        for (int r = 0; r < in.size(); r++) {
            assertEquals(O6[r], in.number(r, "num(observed)"));
            assertEquals(E6[r], in.number(r, "denom(expected)"));
        }
    }

    @Test
    void unadjustedPoissonLimitsReproduceFunnelPlotR() throws IOException {
        Csv ref = Reference.funnelPlotR("poisson_limits_sr_unadjusted.csv");
        List<String> bad = new ArrayList<>();
        int compared = 0;
        for (int r = 0; r < ref.size(); r++) {
            Limits l =
                    SpiegelhalterFunnel.poissonLimits(ref.number(r, "expected(number_seq)"), ref.number(r, "target"));
            String[] cols = {"expected_ll95", "expected_ul95", "expected_ll998", "expected_ul998"};
            double[] got = {l.lower95(), l.upper95(), l.lower998(), l.upper998()};
            for (int c = 0; c < 4; c++) {
                compared++;
                if (!Reference.matches(got[c], ref.text(r, cols[c]))) {
                    bad.add("row " + (r + 1) + " " + cols[c] + " expected " + ref.text(r, cols[c]) + " got " + got[c]);
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.toString());
        assertEquals(12, compared);
    }

    @Test
    void shmiDefaultsReproducePhiAndTau2() throws IOException {
        Result res = SpiegelhalterFunnel.compute(O6, E6, Options.defaults(DataType.SR_SHMI));
        Csv expected = Reference.funnelPlotR("funnel_sr_6groups_expected.csv");
        assertTrue(Reference.matches(res.phi(), expected.text(0, "expected")), "phi " + res.phi());
        // README recomputation (not asserted upstream): phi = 2.948033175, tau2 = 0.0194775306; NumPy to 1e-12.
        assertEquals(2.948033175102358, res.phi(), TIGHT);
        assertEquals(0.01947753057802157, res.tau2(), TIGHT);
        assertEquals(6, res.unitsUsedForPhi(), "no unit truncated with 6 groups");
        assertEquals(1.0, res.target());
        assertTrue(res.overdispersed());
        assertEquals(3.0916812945435668, res.units().get(1).z(), TIGHT);
        // OD limits at group e (E = 100): exp(-z95 sqrt(1/100 + tau2)), exp(z998 ...).
        Limits e = res.units().get(4).adjusted();
        assertEquals(0.7142611397126696, e.lower95(), TIGHT);
        assertEquals(1.699888490193579, e.upper998(), TIGHT);
        assertEquals(e, res.units().get(4).applied());
        // test-funnel_plot.R: the unadjusted 95% lower limit for group e exceeds the OD-adjusted one.
        assertTrue(res.units().get(4).unadjusted().lower95() > e.lower95());
        assertEquals(0.8136399125092314, res.units().get(4).unadjusted().lower95(), TIGHT);
        // Group b (150 v 112): O/E = 1.339 is inside the adjusted 95% limit exp(1.96 sqrt(1/112 + tau2)) = 1.392,
        // though
        // above the exact Poisson one: overdispersion adjustment is what keeps it in.
        assertEquals(Position.WITHIN, res.units().get(1).at95());
        assertTrue(res.units().get(1).value() > res.units().get(1).unadjusted().upper95());
        assertEquals(
                Math.exp(ConfidenceIntervals.z(0.95) * Math.sqrt(1 / 112.0 + res.tau2())),
                res.units().get(1).applied().upper95(),
                TIGHT);
    }

    @Test
    void cqcWinsorisedMatchesIndependentComputation() {
        Result res = SpiegelhalterFunnel.compute(O6, E6, Options.defaults(DataType.SR_CQC));
        assertEquals(2.327178257594119, res.phi(), TIGHT);
        assertEquals(0.0034397801541862735, res.tau2(), TIGHT);
        assertEquals(3.328886939315058, res.units().get(1).z(), TIGHT);
        Limits e = res.units().get(4).adjusted();
        assertEquals(0.8489456360568064, e.lower95(), TIGHT);
        assertEquals(1.2381641086912267, e.upper998(), TIGHT);
    }

    @Test
    void ratioOfCountsMatchesIndependentComputation() {
        Result res = SpiegelhalterFunnel.compute(O6, E6, Options.defaults(DataType.RC));
        assertEquals(1.06875, res.target(), TIGHT);
        assertEquals(0.9204353657445005, res.phi(), TIGHT);
        assertEquals(0.0015486747629839444, res.tau2(), TIGHT);
        assertEquals(-1.0359883344108054, res.units().get(0).z(), TIGHT);
        Limits e = res.units().get(4).adjusted();
        assertEquals(0.9434412407955004, e.lower95(), TIGHT);
        assertEquals(1.3009811918248382, e.upper998(), TIGHT);
        // phi < 1 but n phi >= n - 1, so tau2 > 0 and FunnelPlotR (which tests tau2 == 0) keeps the adjusted limits.
        assertTrue(res.overdispersed());
        assertEquals(e, res.units().get(4).applied());
    }

    @Test
    void noOverdispersionFallsBackToUnadjustedLimits() {
        double[] o = {100, 150, 180, 80, 120, 225};
        Result res = SpiegelhalterFunnel.compute(o, o.clone(), Options.defaults(DataType.SR_SHMI));
        assertEquals(0.0, res.phi());
        assertEquals(0.0, res.tau2());
        assertFalse(res.overdispersed());
        assertEquals(
                SpiegelhalterFunnel.poissonLimits(120, 1), res.units().get(4).applied());
        assertEquals(Position.WITHIN, res.units().get(4).at998());
    }

    @Test
    void proportionsMatchIndependentComputation() {
        double[] o = {30, 45, 60, 12, 80, 25, 50};
        double[] n = {100, 120, 150, 60, 160, 90, 110};
        Result res = SpiegelhalterFunnel.compute(o, n, Options.defaults(DataType.PR));
        assertEquals(0.3822784810126582, res.target(), TIGHT);
        assertEquals(2.9973015742037448, res.phi(), TIGHT);
        assertEquals(0.0056058534034419795, res.tau2(), TIGHT);
        assertEquals(-3.1435202018612616, res.units().get(3).z(), TIGHT);
        Limits d = res.units().get(3).adjusted();
        assertEquals(0.20737715727154993, d.lower95(), TIGHT);
        assertEquals(0.6823459851540888, d.upper998(), TIGHT);
    }

    @Test
    void proportionLimitsStayInsideZeroToOne() {
        Limits l = SpiegelhalterFunnel.adjustedLimits(DataType.PR, 2, 0.02, 0.5);
        // asin(sqrt(0.02)) -/+ z sqrt(1/8 + 0.5) leaves [0, pi/2]: the limits stop at 0 and 1 instead of folding back.
        assertEquals(0.0, l.lower998());
        assertEquals(0.0, l.lower95());
        assertEquals(1.0, l.upper95(), 1e-15);
        assertEquals(1.0, l.upper998(), 1e-15);
    }

    @Test
    void shmiTruncatesTheExtremeTenPercentWithTwentyUnits() {
        double[] o = new double[20];
        double[] e = new double[20];
        for (int i = 0; i < 20; i++) {
            e[i] = 100;
            o[i] = 80 + 2 * i;
        }
        // rank r kept iff 0 < floor(10 r / 21) < 9: ranks 1-2 (sp 0) and 19-20 (sp 9) are dropped.
        Result res = SpiegelhalterFunnel.compute(o, e, Options.defaults(DataType.SR_SHMI));
        assertEquals(16, res.unitsUsedForPhi());
        assertFalse(res.units().get(0).usedForPhi());
        assertTrue(res.units().get(2).usedForPhi());
        assertFalse(res.units().get(19).usedForPhi());
    }

    @Test
    void invalidUnitsAreNoDataAndDoNotMoveTheResult() {
        double[] o = {100, 150, 180, 80, 120, 225, 50, Double.NaN};
        double[] e = {108, 112, 165, 95, 100, 220, 0, 40};
        Result res = SpiegelhalterFunnel.compute(o, e, Options.defaults(DataType.SR_SHMI));
        assertEquals(2.948033175102358, res.phi(), TIGHT);
        assertEquals(Position.NO_DATA, res.units().get(6).at95());
        assertTrue(Double.isNaN(res.units().get(7).value()));
        assertThrows(IllegalArgumentException.class, () -> new Options(DataType.PR, 0.5, false));
    }

    @Test
    void shmiRoundsExpectedToTwoDecimals() {
        double[] e = {108.004, 112.001, 165.0049, 95.003, 100.002, 220.0001};
        Result res = SpiegelhalterFunnel.compute(O6, e, Options.defaults(DataType.SR_SHMI));
        assertEquals(2.948033175102358, res.phi(), TIGHT);
        Result unrounded = SpiegelhalterFunnel.compute(O6, e, new Options(DataType.SR_SHMI, 0.1, false));
        assertTrue(Math.abs(unrounded.phi() - res.phi()) > 1e-6);
    }
}
