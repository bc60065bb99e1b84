package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.FunnelLimits.FunnelPoint;
import uk.lhs.common.stats.FunnelLimits.FunnelTable;
import uk.lhs.common.stats.FunnelLimits.RateType;
import uk.lhs.common.stats.FunnelLimits.RatioType;

/**
 * Reproduces PHEindicatormethods' funnel fixtures (tests/testthat/testdata_funnel_*.csv at commit 093fd288; calls as
 * in its tests/testthat/testFunnels.R and the README in /work/shared/reference/peers/PHEindicatormethods). Each
 * reference value must match to its printed precision (6-10 significant digits).
 */
class FunnelLimitsIT {
    private final List<String> mismatches = new ArrayList<>();
    private int compared;

    private void check(String what, double actual, String printed) {
        compared++;
        if (!Reference.matches(actual, printed)) {
            mismatches.add(what + ": expected " + printed + " got " + actual);
        }
    }

    private void assertAllMatched(int expectedCount) {
        assertTrue(
                mismatches.isEmpty(),
                mismatches.size() + " of " + compared + " differ: "
                        + mismatches.subList(0, Math.min(10, mismatches.size())));
        assertEquals(expectedCount, compared, "number of reference values compared");
    }

    private static double[] column(Csv csv, String name, DoublePredicate keepByFilterColumn, String filterColumn) {
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            if (keepByFilterColumn.test(csv.number(r, filterColumn))) {
                out.add(csv.number(r, name));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] column(Csv csv, String name) {
        return column(csv, name, v -> true, name);
    }

    private void checkProportionTable(FunnelTable table, Csv expected) {
        assertEquals(100, expected.size());
        for (int r = 0; r < 100; r++) {
            FunnelPoint p = table.points().get(r);
            String row = "row " + (r + 1);
            check(row + " population", p.x(), expected.text(r, "Population"));
            check(row + " lower95", p.limits().lower95(), expected.text(r, "Lower2s0025limit"));
            check(row + " upper95", p.limits().upper95(), expected.text(r, "Upper2s0025limit"));
            check(row + " lower998", p.limits().lower998(), expected.text(r, "Lower3s0001limit"));
            check(row + " upper998", p.limits().upper998(), expected.text(r, "Upper3s0001limit"));
            check(row + " baseline", table.baseline(), expected.text(r, "Baseline"));
        }
    }

    @Test
    void proportionFunnelReproducesPheOutputs() throws IOException {
        Csv in = Reference.phe("testdata_funnel_prop_inputs.csv");
        FunnelTable table = FunnelLimits.proportionTable(column(in, "numerator"), column(in, "denominator"), 100);
        checkProportionTable(table, Reference.phe("testdata_funnel_prop_outputs.csv"));
        assertAllMatched(600);
    }

    @Test
    void proportionFunnelWithAxisVariationReproducesPheOutputs() throws IOException {
        Csv in = Reference.phe("testdata_funnel_prop_inputs.csv");
        DoublePredicate small = d -> d < 31000;
        FunnelTable table = FunnelLimits.proportionTable(
                column(in, "numerator", small, "denominator"), column(in, "denominator", small, "denominator"), 100);
        checkProportionTable(table, Reference.phe("testdata_funnel_prop_outputs_with_axis_variation.csv"));
        assertAllMatched(600);
    }

    @Test
    void ratioFunnelReproducesPheOutputsForCountAndIsr() throws IOException {
        Csv in = Reference.phe("testdata_funnel_ratio_inputs.csv");
        Csv out = Reference.phe("testdata_funnel_ratio_outputs.csv");
        FunnelTable count = FunnelLimits.ratioTable(column(in, "obs"), column(in, "expected"), RatioType.COUNT);
        FunnelTable isr = FunnelLimits.ratioTable(column(in, "obs"), column(in, "expected"), RatioType.ISR);
        int rows = 0;
        for (int r = 0; r < out.size(); r++) {
            if (out.text(r, 0).isBlank()) {
                continue; // a trailing empty line
            }
            rows++;
            FunnelPoint c = count.points().get(r);
            FunnelPoint i = isr.points().get(r);
            String row = "row " + (r + 1);
            check(row + " observed", c.x(), out.text(r, "Observed_events"));
            check(row + " lower95 E", c.lower95At(), out.text(r, "lower_2s_exp_events"));
            check(row + " upper95 E", c.upper95At(), out.text(r, "upper_2s_exp_events"));
            check(row + " lower998 E", c.lower998At(), out.text(r, "lower_3s_exp_events"));
            check(row + " upper998 E", c.upper998At(), out.text(r, "upper_3s_exp_events"));
            check(row + " lower95 count", c.limits().lower95(), out.text(r, "lower_2s_count"));
            check(row + " upper95 count", c.limits().upper95(), out.text(r, "upper_2s_count"));
            check(row + " lower998 count", c.limits().lower998(), out.text(r, "lower_3s_count"));
            check(row + " upper998 count", c.limits().upper998(), out.text(r, "upper_3s_count"));
            check(row + " lower95 isr", i.limits().lower95(), out.text(r, "lower_2s_isr"));
            check(row + " upper95 isr", i.limits().upper95(), out.text(r, "upper_2s_isr"));
            check(row + " lower998 isr", i.limits().lower998(), out.text(r, "lower_3s_isr"));
            check(row + " upper998 isr", i.limits().upper998(), out.text(r, "upper_3s_isr"));
        }
        assertEquals(100, rows);
        assertAllMatched(1300);
    }

    private void checkRateTable(FunnelTable table, Csv expected) {
        assertEquals(100, expected.size());
        for (int r = 0; r < 100; r++) {
            FunnelPoint p = table.points().get(r);
            String row = "row " + (r + 1);
            check(row + " events", p.x(), expected.text(r, "Events"));
            check(row + " lower95 pop", p.lower95At(), expected.text(r, "lower_2s_population_1_year"));
            check(row + " lower95", p.limits().lower95(), expected.text(r, "lower_2s_limit"));
            check(row + " upper95 pop", p.upper95At(), expected.text(r, "upper_2s_population_1_year"));
            check(row + " upper95", p.limits().upper95(), expected.text(r, "upper_2s_limit"));
            check(row + " lower998 pop", p.lower998At(), expected.text(r, "lower_3s_population_1_year"));
            check(row + " lower998", p.limits().lower998(), expected.text(r, "lower_3s_limit"));
            check(row + " upper998 pop", p.upper998At(), expected.text(r, "upper_3s_population_1_year"));
            check(row + " upper998", p.limits().upper998(), expected.text(r, "upper_3s_limit"));
            check(row + " baseline", table.baseline(), expected.text(r, "baseline"));
        }
    }

    @Test
    void dsrRateFunnelReproducesPheOutputs() throws IOException {
        Csv in = Reference.phe("testdata_funnel_rate_input_funnels.csv");
        FunnelTable table = FunnelLimits.rateTable(column(in, "ev"), column(in, "rate"), null, RateType.DSR, 1e5, 3);
        checkRateTable(table, Reference.phe("testdata_funnel_rate_outputs.csv"));
        assertAllMatched(1000);
    }

    @Test
    void crudeRateFunnelReproducesPheOutputs2() throws IOException {
        // PHE test: the largest ev is set to 5, crude rates, no denominator.
        Csv in = Reference.phe("testdata_funnel_rate_input_funnels.csv");
        double[] ev = column(in, "ev");
        double max = java.util.Arrays.stream(ev).max().orElseThrow();
        for (int i = 0; i < ev.length; i++) {
            ev[i] = ev[i] == max ? 5 : ev[i];
        }
        FunnelTable table = FunnelLimits.rateTable(ev, column(in, "rate"), null, RateType.CRUDE, 1e5, 3);
        checkRateTable(table, Reference.phe("testdata_funnel_rate_outputs_2.csv"));
        assertAllMatched(1000);
    }

    @Test
    void crudeRateFunnelWithZeroEventsAndDenominatorReproducesPheOutputs3() throws IOException {
        // PHE test: pop = 1e5 ev / rate; the largest ev (and its rate) set to 0; keep pop > max(pop) / 2.
        Csv in = Reference.phe("testdata_funnel_rate_input_funnels.csv");
        double[] ev = column(in, "ev");
        double[] rate = column(in, "rate");
        double[] pop = new double[ev.length];
        double maxEv = java.util.Arrays.stream(ev).max().orElseThrow();
        for (int i = 0; i < ev.length; i++) {
            pop[i] = 100000 * ev[i] / rate[i];
            if (ev[i] == maxEv) {
                ev[i] = 0;
                rate[i] = 0;
            }
        }
        double maxPop = java.util.Arrays.stream(pop).max().orElseThrow();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < pop.length; i++) {
            if (pop[i] > maxPop / 2) {
                keep.add(i);
            }
        }
        double[] e = keep.stream().mapToDouble(i -> ev[i]).toArray();
        double[] r = keep.stream().mapToDouble(i -> rate[i]).toArray();
        double[] p = keep.stream().mapToDouble(i -> pop[i]).toArray();
        FunnelTable table = FunnelLimits.rateTable(e, r, p, RateType.CRUDE, 1e5, 3);
        checkRateTable(table, Reference.phe("testdata_funnel_rate_outputs_3.csv"));
        assertAllMatched(1000);
    }

    private static String[] labels(FunnelSignificance[] s) {
        String[] out = new String[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].label();
        }
        return out;
    }

    private static String[] texts(Csv csv, String name, DoublePredicate keep, String filterColumn) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            if (keep.test(csv.number(r, filterColumn))) {
                out.add(csv.text(r, name));
            }
        }
        return out.toArray(new String[0]);
    }

    @Test
    void proportionAndRatioSignificanceReproducePhe() throws IOException {
        Csv prop = Reference.phe("testdata_funnel_prop_inputs.csv");
        assertArrayEquals(
                texts(prop, "significance", v -> true, "numerator"),
                labels(FunnelLimits.proportionSignificance(column(prop, "numerator"), column(prop, "denominator"))));
        Csv ratio = Reference.phe("testdata_funnel_ratio_inputs.csv");
        assertArrayEquals(
                texts(ratio, "significance", v -> true, "obs"),
                labels(FunnelLimits.ratioSignificance(column(ratio, "obs"), column(ratio, "expected"))));
    }

    @Test
    void rateSignificanceReproducesAllEightPheColumns() throws IOException {
        Csv in = Reference.phe("testdata_funnel_rate_dsr_inputs.csv");
        int checked = 0;
        for (String type : new String[] {"dsr", "crude"}) {
            for (String per : new String[] {"100000", "100"}) {
                for (String zeros : new String[] {"with_0", "without_0"}) {
                    DoublePredicate keep = zeros.equals("with_0") ? c -> true : c -> c != 0;
                    String rateColumn = type.equals("dsr") ? "rate_dsr" : "rate_crude_per_" + per;
                    FunnelSignificance[] got = FunnelLimits.rateSignificance(
                            column(in, "count", keep, "count"),
                            column(in, rateColumn, keep, "count"),
                            column(in, "pop", keep, "count"),
                            type.equals("dsr") ? RateType.DSR : RateType.CRUDE,
                            Double.parseDouble(per));
                    String expectedColumn = type + "_per_" + per + "_" + zeros;
                    assertArrayEquals(texts(in, expectedColumn, keep, "count"), labels(got), expectedColumn);
                    checked += got.length;
                }
            }
        }
        assertTrue(checked > 150, "rows checked: " + checked);
    }

    @Test
    void invalidUnitsAreNoDataAndLeftOutOfTheAverage() {
        FunnelSignificance[] s = FunnelLimits.proportionSignificance(
                new double[] {50, 5, Double.NaN, 60}, new double[] {100, 0, 100, 100});
        assertEquals(FunnelSignificance.NO_DATA, s[1]);
        assertEquals(FunnelSignificance.NO_DATA, s[2]);
        // Average over valid units only: 110/200 = 0.55, so 50/100 and 60/100 are both within the 95% limits.
        assertEquals(FunnelSignificance.NOT_SIGNIFICANT, s[0]);
        assertEquals(FunnelSignificance.NOT_SIGNIFICANT, s[3]);
    }

    @Test
    void sigmaAdjustmentIsTheWilsonIntervalInvertedAroundTheAverage() {
        // The proportion at the 97.5% limit for N = 400 around 0.3 has its Wilson lower limit equal to 0.3.
        double upper = FunnelLimits.sigmaAdjustment(0.975, 400, 0.3, true, 1);
        assertEquals(0.3, ConfidenceIntervals.wilsonLower(upper * 400, 400, 0.95), 1e-12);
        double lower = FunnelLimits.sigmaAdjustment(0.975, 400, 0.3, false, 1);
        assertEquals(0.3, ConfidenceIntervals.wilsonUpper(lower * 400, 400, 0.95), 1e-12);
    }
}
