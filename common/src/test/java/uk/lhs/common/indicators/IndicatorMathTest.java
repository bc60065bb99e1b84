package uk.lhs.common.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;

class IndicatorMathTest {
    static Indicator of(MeasureType type, double multiplier, BigDecimal percentile) {
        return new Indicator(
                "t",
                1,
                "T",
                "d",
                "ae_monthly",
                null,
                type,
                type == MeasureType.PERCENTILE ? null : "n",
                type == MeasureType.COUNT ? null : "d",
                type == MeasureType.MEAN ? "q" : null,
                type == MeasureType.PERCENTILE ? "bands" : null,
                percentile,
                multiplier,
                "u",
                ImprovementDirection.INCREASE,
                ChartType.XMR,
                FunnelMethod.NONE,
                Reliability.defaultMinimum(type),
                List.of(),
                "s",
                "m");
    }

    @Test
    void zeroOrMissingDenominatorIsNoDataNeverZero() {
        for (MeasureType t : List.of(MeasureType.PROPORTION, MeasureType.RATE, MeasureType.RATIO)) {
            Indicator ind = of(t, 1, null);
            assertFalse(IndicatorMath.evaluate(ind, 0.0, 0.0, null).hasData(), t.name());
            assertFalse(IndicatorMath.evaluate(ind, 5.0, null, null).hasData(), t.name());
            assertTrue(Double.isNaN(IndicatorMath.evaluate(ind, 0.0, 0.0, null).value()), t.name());
        }
        assertFalse(IndicatorMath.evaluate(of(MeasureType.COUNT, 1, null), null, null, null)
                .hasData());
        long[] empty = new long[105];
        assertFalse(IndicatorMath.evaluate(of(MeasureType.PERCENTILE, 1, new BigDecimal("0.5")), null, 0.0, empty)
                .hasData());
    }

    @Test
    void aZeroNumeratorIsDataWithAnUpperLimit() {
        IndicatorMath.Value v = IndicatorMath.evaluate(of(MeasureType.COUNT, 1, null), 0.0, null, null);
        assertTrue(v.hasData());
        assertEquals(0.0, v.value());
        // Exact Poisson upper limit for 0 events at 95%: qchisq(0.975, 2)/2 = 3.688879 (PHE Rates.R).
        assertEquals(3.688879, v.upper(), 1e-6);
    }

    @Test
    void proportionUsesWilsonAndRateScalesByItsMultiplier() {
        // Wilson 95% for 81/263 (Newcombe 1998 table I, example: 0.2553 to 0.3662).
        IndicatorMath.Value p = IndicatorMath.evaluate(of(MeasureType.PROPORTION, 1, null), 81.0, 263.0, null);
        assertEquals(81.0 / 263.0, p.value(), 1e-12);
        assertEquals(0.2553, p.lower(), 5e-5);
        assertEquals(0.3662, p.upper(), 5e-5);
        IndicatorMath.Value r = IndicatorMath.evaluate(of(MeasureType.RATE, 1000, null), 12.0, 4000.0, null);
        assertEquals(3.0, r.value(), 1e-12);
        assertTrue(r.lower() < 3.0 && r.upper() > 3.0);
    }

    @Test
    void percentileComesFromTheBandsNotFromAnAverage() {
        long[] bands = new long[105];
        bands[0] = 10;
        bands[3] = 10;
        // 20 pathways: median = 0.5 * 20 = 10 reached in band 0 -> 0 + 10/10 = 1.0 week.
        IndicatorMath.Value v =
                IndicatorMath.evaluate(of(MeasureType.PERCENTILE, 1, new BigDecimal("0.5")), null, 20.0, bands);
        assertEquals(1.0, v.value(), 1e-12);
        assertTrue(Double.isNaN(v.lower()));
    }
}
