package uk.lhs.common.spc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ChartType;

/** P/U/C limits, their floors and clips, and Laney's P′/U′. */
class ControlLimitsTest {
    private static final LocalDate START = LocalDate.of(2024, 4, 1);

    private static SpcResult chart(ChartType t, double[] num, double[] den) {
        SpcSeries s = new SpcSeries("s", SpcSeries.monthly(START, num.length), num, den);
        return SpcEngine.compute(s, SpcOptions.builder().chart(t).build());
    }

    /**
     * Laney P′ on five points, computed independently (Python, double precision) from Laney (2002):
     * x = 10 20 15 25 12, n = 100 100 200 100 150 → p̄ = 82/650 = 0.126154; sd_i = √(p̄(1−p̄)/n_i);
     * z_i = (p_i − p̄)/sd_i; sigma_z = mean|Δz|/1.128 = 4.156971; limits p̄ ± 3 sd_i sigma_z, lower floored at 0.
     * Upper limits: 0.5402163952941473 (n = 100), 0.4189402824863412 (n = 200), 0.46423450181712056 (n = 150).
     * The plain P limits for n = 100 are [0.026547045216864906, 0.22576064709082738].
     * U′ gives the same limits: sd_i differs from P's by the constant √(1 − p̄), which sigma_z cancels.
     */
    @Test
    void laneyPrimeMatchesAnIndependentComputation() {
        double[] x = {10, 20, 15, 25, 12};
        double[] n = {100, 100, 200, 100, 150};
        double[] upper = {
            0.5402163952941473, 0.5402163952941473, 0.4189402824863412, 0.5402163952941473, 0.46423450181712056
        };
        for (ChartType t : new ChartType[] {ChartType.P_PRIME, ChartType.U_PRIME}) {
            SpcResult r = chart(t, x, n);
            for (int i = 0; i < x.length; i++) {
                SpcPoint p = r.points().get(i);
                assertEquals(82.0 / 650, p.centre(), 1e-15);
                assertEquals(x[i] / n[i], p.value(), 1e-15);
                assertEquals(upper[i], p.upperLimit(), 1e-12, t + " point " + i);
                assertEquals(0.0, p.lowerLimit(), 0.0, t + " point " + i);
            }
        }
        SpcPoint plain = chart(ChartType.P, x, n).points().get(0);
        assertEquals(0.026547045216864906, plain.lowerLimit(), 1e-12);
        assertEquals(0.22576064709082738, plain.upperLimit(), 1e-12);
    }

    /** With equal denominators, Laney's limits reduce to the I chart on the proportions (Laney 2002, section 4). */
    @Test
    void laneyWithEqualDenominatorsIsTheIChart() {
        double[] x = {120, 135, 128, 150, 141, 119, 160, 133, 127, 144, 138, 151, 129, 140};
        double[] n = new double[x.length];
        Arrays.fill(n, 1000);
        double[] rates = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            rates[i] = x[i] / n[i];
        }
        SpcResult i = SpcEngine.compute(
                SpcSeries.of("s", SpcSeries.monthly(START, x.length), rates),
                SpcOptions.builder().chart(ChartType.I).screenOutliers(false).build());
        for (ChartType t : new ChartType[] {ChartType.P_PRIME, ChartType.U_PRIME}) {
            SpcResult r = chart(t, x, n);
            for (int k = 0; k < x.length; k++) {
                assertEquals(i.points().get(k).upperLimit(), r.points().get(k).upperLimit(), 1e-12);
                assertEquals(i.points().get(k).lowerLimit(), r.points().get(k).lowerLimit(), 1e-12);
                assertEquals(i.points().get(k).upperNear(), r.points().get(k).upperNear(), 1e-12);
            }
        }
    }

    @Test
    void pLimitsAreClippedToZeroAndOne() {
        // p̄ = 0.5 with n = 4: 0.5 ± 3 × 0.25 → [−0.25, 1.25] → [0, 1].
        SpcResult r = chart(ChartType.P, new double[] {2, 2, 1, 3}, new double[] {4, 4, 4, 4});
        assertEquals(0.5, r.points().get(0).centre(), 1e-15);
        assertEquals(0.0, r.points().get(0).lowerLimit(), 0.0);
        assertEquals(1.0, r.points().get(0).upperLimit(), 0.0);
        assertEquals(0.0, r.points().get(0).lowerNear(), 0.0, "0.5 − 2 × 0.25 = 0");
        assertEquals(1.0, r.points().get(0).upperNear(), 0.0);
    }

    @Test
    void uAndCLowerLimitsAreFlooredAtZero() {
        // ū = 2/40 = 0.05, n = 10: 0.05 ± 3√(0.005) → lower < 0 → 0.
        SpcResult u = chart(ChartType.U, new double[] {0, 1, 1, 0}, new double[] {10, 10, 10, 10});
        assertEquals(0.05 + 3 * Math.sqrt(0.005), u.points().get(0).upperLimit(), 1e-15);
        assertEquals(0.0, u.points().get(0).lowerLimit(), 0.0);
        SpcResult c = chart(ChartType.C, new double[] {1, 2, 3, 2}, null);
        assertEquals(2 + 3 * Math.sqrt(2), c.points().get(0).upperLimit(), 1e-15);
        assertEquals(0.0, c.points().get(0).lowerLimit(), 0.0);
        assertEquals(0.0, c.points().get(0).lowerNear(), 0.0, "2 − 2√2 < 0 is floored too");
    }

    @Test
    void aMissingOrZeroDenominatorIsAMissingPoint() {
        SpcResult r = chart(ChartType.P, new double[] {1, 2, 3, 4}, new double[] {10, 0, Double.NaN, 10});
        assertTrue(Double.isNaN(r.points().get(1).value()));
        assertTrue(Double.isNaN(r.points().get(2).upperLimit()));
        assertEquals(5.0 / 20, r.points().get(0).centre(), 1e-15);
        assertTrue(
                r.summary().warnings().stream().anyMatch(w -> w.startsWith("2 point(s) have a value but a missing")));
    }
}
