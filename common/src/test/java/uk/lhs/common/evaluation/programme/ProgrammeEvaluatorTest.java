package uk.lhs.common.evaluation.programme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import uk.lhs.common.evaluation.Attribution;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.CaveatCode;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.Severity;
import uk.lhs.common.evaluation.staggered.StaggeredOptions;
import uk.lhs.common.evaluation.staggered.StaggeredResult;
import uk.lhs.common.vocab.ImprovementDirection;

class ProgrammeEvaluatorTest {
    private static final YearMonth FIRST = YearMonth.of(2023, 1);
    private static final int MONTHS = 18;

    /**
     * A panel: trust i, month m → 0.5 + 0.01·i + 0.002·m + noise(sd 0.004) + effect(trust's first post month, m).
     *
     * @param cohorts first post month → number of trusts
     */
    private static Map<String, Map<YearMonth, Double>> panel(
            Map<YearMonth, Integer> cohorts,
            int controls,
            BiFunction<YearMonth, YearMonth, Double> effect,
            Map<String, YearMonth> firstPost,
            long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Map<YearMonth, Double>> out = new TreeMap<>();
        int i = 0;
        List<YearMonth> gs = new ArrayList<>(new TreeMap<>(cohorts).keySet());
        for (YearMonth g : gs) {
            for (int k = 0; k < cohorts.get(g); k++) {
                firstPost.put("T" + i, g);
                out.put("T" + i, series(i, g, effect, r));
                i++;
            }
        }
        for (int k = 0; k < controls; k++) {
            out.put("C" + k, series(i++, null, effect, r));
        }
        return out;
    }

    private static Map<YearMonth, Double> series(
            int i, YearMonth g, BiFunction<YearMonth, YearMonth, Double> effect, SplittableRandom r) {
        Map<YearMonth, Double> s = new TreeMap<>();
        for (int m = 0; m < MONTHS; m++) {
            YearMonth month = FIRST.plusMonths(m);
            double tau = g == null || month.isBefore(g) ? 0 : effect.apply(g, month);
            s.put(month, 0.5 + 0.01 * i + 0.002 * m + 0.004 * r.nextGaussian() + tau);
        }
        return s;
    }

    private static ProgrammeInput input(
            Map<String, Map<YearMonth, Double>> series,
            Map<String, YearMonth> firstPost,
            ImprovementDirection expected,
            Map<String, List<String>> concurrent) {
        return input(series, firstPost, expected, concurrent, Map.of());
    }

    private static ProgrammeInput input(
            Map<String, Map<YearMonth, Double>> series,
            Map<String, YearMonth> firstPost,
            ImprovementDirection expected,
            Map<String, List<String>> concurrent,
            Map<String, List<Revision>> revisions) {
        return new ProgrammeInput(
                "PRG-9",
                "Spread",
                "ind",
                true,
                "proportion",
                series,
                firstPost,
                expected,
                concurrent,
                new StaggeredOptions(
                        StaggeredOptions.defaults().control(),
                        StaggeredOptions.defaults().basePeriod(),
                        199,
                        7),
                revisions);
    }

    /** Independent computation: each cohort's mean post-adoption 2×2 DiD of means against the controls, by size. */
    private static double groupOverall(Map<String, Map<YearMonth, Double>> series, Map<String, YearMonth> firstPost) {
        Map<YearMonth, List<String>> cohorts = new TreeMap<>();
        List<String> controls = new ArrayList<>();
        series.keySet().forEach(t -> {
            if (firstPost.containsKey(t)) {
                cohorts.computeIfAbsent(firstPost.get(t), k -> new ArrayList<>())
                        .add(t);
            } else {
                controls.add(t);
            }
        });
        YearMonth last = FIRST.plusMonths(MONTHS - 1);
        double num = 0;
        double den = 0;
        for (Map.Entry<YearMonth, List<String>> c : cohorts.entrySet()) {
            YearMonth base = c.getKey().minusMonths(1);
            double sum = 0;
            int n = 0;
            for (YearMonth t = c.getKey(); !t.isAfter(last); t = t.plusMonths(1)) {
                sum += mean(series, c.getValue(), t)
                        - mean(series, c.getValue(), base)
                        - (mean(series, controls, t) - mean(series, controls, base));
                n++;
            }
            num += c.getValue().size() * sum / n;
            den += c.getValue().size();
        }
        return num / den;
    }

    private static double mean(Map<String, Map<YearMonth, Double>> series, List<String> units, YearMonth t) {
        return units.stream().mapToDouble(u -> series.get(u).get(t)).average().orElseThrow();
    }

    private static boolean has(ProgrammeResult r, CaveatCode code) {
        return r.caveats().stream().map(Caveat::code).anyMatch(c -> c == code);
    }

    @Test
    void headlineIsTheIndependentGroupAggregateAndMonthsMapToCohorts() {
        Map<String, YearMonth> firstPost = new HashMap<>();
        Map<String, Map<YearMonth, Double>> series = panel(
                Map.of(YearMonth.of(2023, 5), 2, YearMonth.of(2023, 9), 3),
                6,
                (g, m) -> 0.03 + 0.002 * (m.getMonthValue() - g.getMonthValue()),
                firstPost,
                1);
        double expected = groupOverall(series, firstPost);
        // A comparison trust with a missing month leaves the balanced panel, and so changes nothing above.
        Map<YearMonth, Double> gappy = new TreeMap<>(series.get("C0"));
        gappy.put(YearMonth.of(2023, 6), null);
        Map<String, Map<YearMonth, Double>> withGap = new TreeMap<>(series);
        withGap.put("CX", gappy);
        ProgrammeResult r =
                ProgrammeEvaluator.evaluate(input(withGap, firstPost, ImprovementDirection.INCREASE, Map.of()));
        StaggeredResult s = r.result();
        assertEquals(expected, s.overall(StaggeredResult.GROUP).estimate(), 1e-12);
        assertEquals(11, s.units());
        assertEquals(
                List.of(YearMonth.of(2023, 5), YearMonth.of(2023, 9)),
                new ArrayList<>(new TreeMap<>(r.cohorts()).keySet()));
        assertEquals(FIRST, r.month(1));
        assertEquals(
                YearMonth.of(2023, 5),
                r.month(s.rows(StaggeredResult.GROUP).get(0).group()));
        Caveat gaps = r.caveats().stream()
                .filter(c -> c.code() == CaveatCode.DATA_GAPS)
                .findFirst()
                .orElseThrow();
        assertEquals(Severity.WARNING, gaps.severity());
        assertTrue(gaps.message().contains("none of them in the rollout"), gaps.message());
        assertTrue(has(r, CaveatCode.SMALL_NUMBERS), "cohorts of 2 and 3 trusts");
        assertEquals(
                Attribution.CHANGE_ATTRIBUTION_WEAK,
                r.attribution(),
                r.reasons().toString());
        assertTrue(r.statement().contains("associated with the programme"), r.statement());
        assertTrue(
                r.statement().contains("between May 2023 and Sept 2023")
                        || r.statement().contains("between May 2023 and Sep 2023"),
                r.statement());
        assertFalse(r.statement().toLowerCase(java.util.Locale.ROOT).contains("caused"));
    }

    @Test
    void aChangeAgainstTheExpectedDirectionIsNoChangeDetected() {
        Map<String, YearMonth> firstPost = new HashMap<>();
        Map<String, Map<YearMonth, Double>> series =
                panel(Map.of(YearMonth.of(2023, 6), 5, YearMonth.of(2023, 10), 5), 10, (g, m) -> 0.05, firstPost, 2);
        ProgrammeResult up =
                ProgrammeEvaluator.evaluate(input(series, firstPost, ImprovementDirection.INCREASE, Map.of()));
        assertTrue(up.attribution().changeDetected(), up.caveats().toString());
        assertFalse(has(up, CaveatCode.SMALL_NUMBERS), "cohorts of 5");
        assertFalse(has(up, CaveatCode.TWFE_HETEROGENEITY), "a constant effect: TWFE agrees");
        ProgrammeResult down =
                ProgrammeEvaluator.evaluate(input(series, firstPost, ImprovementDirection.DECREASE, Map.of()));
        assertEquals(Attribution.NO_CHANGE_DETECTED, down.attribution());
        assertTrue(down.statement().startsWith("No change in ind"), down.statement());
    }

    @Test
    void effectsThatGrowAndDifferByCohortFlagTwfe() {
        Map<String, YearMonth> firstPost = new HashMap<>();
        // Early cohort: effect grows by 1.5 points a month; late cohort: none. TWFE uses the early cohort as a
        // control for the late one and underweights its long-run effects (Goodman-Bacon 2021).
        Map<String, Map<YearMonth, Double>> series = panel(
                Map.of(YearMonth.of(2023, 4), 8, YearMonth.of(2023, 12), 8),
                4,
                (g, m) -> g.getMonthValue() == 4 ? 0.015 * (g.until(m, java.time.temporal.ChronoUnit.MONTHS) + 1) : 0.0,
                firstPost,
                3);
        ProgrammeResult r =
                ProgrammeEvaluator.evaluate(input(series, firstPost, ImprovementDirection.INCREASE, Map.of()));
        assertTrue(
                has(r, CaveatCode.TWFE_HETEROGENEITY),
                r.result().twfe() + " vs " + r.result().overall("simple"));
        assertTrue(ProgrammeEvaluator.twfeDisagrees(r.result()));
    }

    @Test
    void treatedTrustsAlreadyDivergingBeforeAdoptionRaisePreTrendAndWeakenTheAttribution() {
        Map<String, YearMonth> firstPost = new HashMap<>();
        // From the first month the rollout trusts climb 1 point a month faster than the comparison trusts.
        Map<String, Map<YearMonth, Double>> series =
                panel(Map.of(YearMonth.of(2023, 10), 6), 12, (g, m) -> 0.0, firstPost, 5);
        firstPost
                .keySet()
                .forEach(t -> series.get(t)
                        .replaceAll((m, v) -> v + 0.01 * FIRST.until(m, java.time.temporal.ChronoUnit.MONTHS)));
        ProgrammeResult r =
                ProgrammeEvaluator.evaluate(input(series, firstPost, ImprovementDirection.INCREASE, Map.of()));
        assertTrue(has(r, CaveatCode.PRE_TREND), r.caveats() + " " + r.result().preTest());
        assertEquals(Attribution.CHANGE_ATTRIBUTION_WEAK, r.attribution());
    }

    @Test
    void withoutComparisonTrustsThereIsNotEnoughData() {
        Map<String, YearMonth> firstPost = new HashMap<>();
        Map<String, Map<YearMonth, Double>> series =
                panel(Map.of(YearMonth.of(2023, 6), 3), 0, (g, m) -> 0.05, firstPost, 4);
        ProgrammeResult r = ProgrammeEvaluator.evaluate(
                input(series, firstPost, ImprovementDirection.INCREASE, Map.of("T0", List.of("INT-7"))));
        assertEquals(Attribution.INSUFFICIENT_DATA, r.attribution());
        assertTrue(has(r, CaveatCode.NO_COMPARATOR));
        assertTrue(has(r, CaveatCode.CONCURRENT_INTERVENTION));
        assertTrue(r.statement().startsWith("There is not enough data"), r.statement());
        assertNull(
                r.result() == null
                        ? null
                        : r.result().overall(StaggeredResult.GROUP).ciLower() > 0 ? "ran" : null);
    }

    @Test
    void aRevisionThatMovedAPanelTrustInsideTheRangeIsAnInfoCaveatThatLeavesTheAttributionAlone() {
        Map<String, YearMonth> firstPost = new HashMap<>();
        // One cohort of 6 with no warning: an added warning would weaken the attribution, an info caveat must not.
        Map<String, Map<YearMonth, Double>> series =
                panel(Map.of(YearMonth.of(2023, 10), 6), 10, (g, m) -> 0.05, firstPost, 2);
        ProgrammeResult plain =
                ProgrammeEvaluator.evaluate(input(series, firstPost, ImprovementDirection.INCREASE, Map.of()));
        assertFalse(has(plain, CaveatCode.REVISED_DATA));
        // A comparison trust's March 2023 and a rollout trust's March and July 2023 were re-published.
        ProgrammeResult r = ProgrammeEvaluator.evaluate(input(
                series,
                firstPost,
                ImprovementDirection.INCREASE,
                Map.of(),
                Map.of(
                        "C3",
                        List.of(new Revision(LocalDate.of(2023, 3, 1), 4e-4)),
                        "T1",
                        List.of(
                                new Revision(LocalDate.of(2023, 3, 1), 1e-4),
                                new Revision(LocalDate.of(2023, 7, 1), 2e-4)))));
        Caveat c = r.caveats().stream()
                .filter(x -> x.code() == CaveatCode.REVISED_DATA)
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.caveats().toString()));
        assertEquals(Severity.INFO, c.severity());
        assertTrue(
                c.message().startsWith("NHS England revised 2 months in the period analysed (Mar 2023, Jul 2023)"),
                c.message());
        assertTrue(c.message().contains("the largest revision changed a trust's value by 0.000400"), c.message());
        assertFalse(c.message().toLowerCase(java.util.Locale.ROOT).contains("caus"), c.message());
        assertEquals(
                Attribution.CHANGE_CONSISTENT_WITH_INTERVENTION,
                plain.attribution(),
                plain.caveats().toString());
        assertEquals(plain.attribution(), r.attribution());
        assertEquals(plain.reasons(), r.reasons());
        assertEquals(plain.statement(), r.statement());
    }

    @Test
    void noRevisedDataForARevisionOutsideTheRangeWithoutChangeOrAtATrustLeftOutOfThePanel() {
        Map<String, YearMonth> firstPost = new HashMap<>();
        Map<String, Map<YearMonth, Double>> series =
                panel(Map.of(YearMonth.of(2023, 6), 5, YearMonth.of(2023, 10), 5), 10, (g, m) -> 0.05, firstPost, 2);
        Map<YearMonth, Double> gappy = new TreeMap<>(series.get("C0"));
        gappy.put(YearMonth.of(2023, 6), null);
        series.put("CX", gappy);
        List<Map<String, List<Revision>>> cases = List.of(
                Map.of("C3", List.of(new Revision(LocalDate.of(2022, 12, 1), 0.5))), // the month before the range
                Map.of("C3", List.of(new Revision(FIRST.plusMonths(MONTHS).atDay(1), 0.5))), // the month after it
                Map.of("T1", List.of(new Revision(LocalDate.of(2023, 3, 1), 0.0))), // re-published unchanged
                Map.of("CX", List.of(new Revision(LocalDate.of(2023, 3, 1), 0.5)))); // not in the balanced panel
        for (Map<String, List<Revision>> revisions : cases) {
            ProgrammeResult r = ProgrammeEvaluator.evaluate(
                    input(series, firstPost, ImprovementDirection.INCREASE, Map.of(), revisions));
            assertFalse(has(r, CaveatCode.REVISED_DATA), revisions + " " + r.caveats());
        }
    }
}
