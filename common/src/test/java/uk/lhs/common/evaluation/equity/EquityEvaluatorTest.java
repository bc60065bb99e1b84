package uk.lhs.common.evaluation.equity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.CaveatCode;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.MonthlyValue;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.Severity;
import uk.lhs.common.stats.Inequality;

class EquityEvaluatorTest {
    private static final LocalDate FIRST = LocalDate.of(2022, 1, 1);
    private static final int MONTHS = 36;
    private static final LocalDate START = FIRST.plusMonths(24);
    private static final double[] BASE = {0.20, 0.17, 0.15, 0.12, 0.10};

    /**
     * Counts per quintile: value = base + slope·t + shared month noise + own noise, minus {@code q1Drop} in Q1 from
     * the start; numerator = value × denominator.
     */
    private static Map<String, List<MonthlyValue>> series(
            double q1Drop, double sharedSd, double ownSd, double denominator, long seed) {
        Random r = new Random(seed);
        double[] shared = new double[MONTHS];
        for (int t = 0; t < MONTHS; t++) {
            shared[t] = sharedSd * r.nextGaussian();
        }
        Map<String, List<MonthlyValue>> out = new HashMap<>();
        for (int q = 0; q < 5; q++) {
            List<MonthlyValue> s = new ArrayList<>();
            for (int t = 0; t < MONTHS; t++) {
                LocalDate d = FIRST.plusMonths(t);
                double v = BASE[q] + 0.0005 * t + shared[t] + ownSd * r.nextGaussian();
                if (q == 0 && !d.isBefore(START)) {
                    v -= q1Drop;
                }
                // The value column is deliberately wrong: only the counts may be used.
                s.add(new MonthlyValue(d, -1, v * denominator, denominator));
            }
            out.put(Subgroups.QUINTILES.get(q), s);
        }
        return out;
    }

    private static EquityInput input(Map<String, List<MonthlyValue>> q, double minDenominator) {
        return new EquityInput(q, 1, minDenominator, START, 0, EvaluationOptions.defaults(), Map.of());
    }

    private static SubgroupEffect get(List<SubgroupEffect> r, String subgroup) {
        return r.stream().filter(e -> e.subgroup().equals(subgroup)).findFirst().orElseThrow();
    }

    @Test
    void aNoiselessDropInTheMostDeprivedQuintileIsRecoveredExactlyInTheQuintileTheGapAndTheSii() {
        List<SubgroupEffect> r = EquityEvaluator.evaluate(input(series(0.05, 0, 0, 1000, 1), 30));
        assertEquals(Subgroups.ALL, r.stream().map(SubgroupEffect::subgroup).toList());
        assertEquals(-0.05, get(r, "imd_q1").estimate(), 1e-9);
        for (String q : List.of("imd_q2", "imd_q3", "imd_q4", "imd_q5")) {
            assertEquals(0, get(r, q).estimate(), 1e-9, q);
        }
        SubgroupEffect gap = get(r, Subgroups.GAP);
        assertEquals(-0.05, gap.estimate(), 1e-9);
        assertEquals(0.10, gap.baseline(), 1e-9);
        // Equal shares: ranks 0.1..0.9, Σa(b − 0.5)² = 0.08, so a change d in Q1 moves the SII by −0.2·(−0.4)·d/0.08 =
        // −d.
        assertEquals(0.05, get(r, Subgroups.SII).estimate(), 1e-9);
        assertTrue(r.stream().allMatch(e -> e.prePeriods() == 24 && e.postPeriods() == 12));
        assertTrue(r.stream().allMatch(e -> e.caveats().isEmpty()), r.toString());
    }

    @Test
    void theGapIntervalCoversTheTrueChangeWithCorrelatedQuintiles() {
        int covered = 0;
        int runs = 200;
        for (int s = 0; s < runs; s++) {
            // A large shared month effect: the gap series cancels it, so its interval is far narrower than the
            // quintiles' own.
            List<SubgroupEffect> r = EquityEvaluator.evaluate(input(series(0.05, 0.02, 0.004, 1000, s), 30));
            SubgroupEffect gap = get(r, Subgroups.GAP);
            covered += gap.ciLower() <= -0.05 && -0.05 <= gap.ciUpper() ? 1 : 0;
            if (s == 0) {
                SubgroupEffect q1 = get(r, "imd_q1");
                assertTrue(
                        gap.ciUpper() - gap.ciLower() < 0.5 * (q1.ciUpper() - q1.ciLower()),
                        "gap " + gap + " vs q1 " + q1);
                assertTrue(gap.pValue() < 0.001, gap.toString());
            }
        }
        // Nominal 95%; the conservative HAC form is expected at or above it.
        assertTrue(covered >= 0.9 * runs, covered + "/" + runs);
    }

    @Test
    void theMonthlySlopeIndexIsPhesPointEstimate() {
        double[] y = {0.21, 0.18, 0.16, 0.11, 0.12};
        double[] pop = {1200, 900, 1000, 700, 1500};
        List<Inequality.Quantile> qs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            qs.add(new Inequality.Quantile(pop[i], y[i], y[i] - 0.02, y[i] + 0.02));
        }
        double phe = Inequality.compute(qs, new Inequality.Options(Inequality.ValueType.PROPORTION, 0.95, 10, 1, 1))
                .sii();
        assertEquals(phe, EquityEvaluator.slopeIndex(y, pop), 1e-12);
    }

    @Test
    void thinQuintilesAndSuppressedMonthsAreFlaggedAndAreGaps() {
        Map<String, List<MonthlyValue>> q = new HashMap<>(series(0.05, 0.01, 0.01, 1000, 7));
        // Q5 with 20 per month (below the minimum of 30); Q3 with a suppressed (null) month.
        q.put(
                "imd_q5",
                q.get("imd_q5").stream()
                        .map(v -> new MonthlyValue(v.periodStart(), v.value(), v.numerator() / 50, 20))
                        .toList());
        List<MonthlyValue> q3 = new ArrayList<>(q.get("imd_q3"));
        q3.set(5, new MonthlyValue(q3.get(5).periodStart(), Double.NaN, Double.NaN, Double.NaN));
        q.put("imd_q3", q3);
        List<SubgroupEffect> r = EquityEvaluator.evaluate(input(q, 30));
        assertTrue(codes(get(r, "imd_q5")).contains(CaveatCode.SMALL_SUBGROUP));
        assertFalse(codes(get(r, "imd_q1")).contains(CaveatCode.SMALL_SUBGROUP));
        assertTrue(codes(get(r, Subgroups.GAP)).contains(CaveatCode.SMALL_SUBGROUP));
        assertTrue(codes(get(r, Subgroups.SII)).contains(CaveatCode.SMALL_SUBGROUP));
        assertTrue(codes(get(r, "imd_q3")).contains(CaveatCode.DATA_GAPS));
        assertEquals(23, get(r, "imd_q3").prePeriods());
        assertEquals(23, get(r, Subgroups.SII).prePeriods());
        assertEquals(24, get(r, Subgroups.GAP).prePeriods());
        // Too few months: only 1 post month in Q2.
        q.put("imd_q2", q.get("imd_q2").subList(0, 25));
        SubgroupEffect q2 = get(EquityEvaluator.evaluate(input(q, 30)), "imd_q2");
        assertFalse(q2.available());
        assertTrue(codes(q2).contains(CaveatCode.SMALL_SUBGROUP));
    }

    @Test
    void aQuintileWithOneValueInEveryMonthIsNotEvaluatedRatherThanGivenAZeroWidthInterval() {
        Map<String, List<MonthlyValue>> q = new HashMap<>(series(0.05, 0.01, 0.01, 1000, 3));
        // As a published quintile can be: its few non-suppressed months all rounded to 0 readmissions.
        q.put(
                "imd_q5",
                q.get("imd_q5").stream()
                        .map(v -> new MonthlyValue(v.periodStart(), 0, 0, 40))
                        .toList());
        List<SubgroupEffect> r = EquityEvaluator.evaluate(input(q, 30));
        assertFalse(get(r, "imd_q5").available());
        assertTrue(Double.isNaN(get(r, "imd_q5").ciLower()));
        assertTrue(get(r, "imd_q1").available());
    }

    @Test
    void theStatementSaysNarrowedWithTheIntervalAndNeverClaimsCause() {
        List<SubgroupEffect> r = EquityEvaluator.evaluate(input(series(0.05, 0, 0, 1000, 1), 30));
        String gap = EquityStatements.of(get(r, Subgroups.GAP), "readmit_30d", "RXX", "INT-011 (Test)", "proportion");
        assertTrue(
                gap.startsWith("The gap between the most and least deprived (IMD quintile 1 minus quintile 5) in"
                        + " readmit_30d at RXX narrowed by 5.0 percentage points after INT-011 (Test) (95% CI 5.0 to"
                        + " 5.0); associated with the intervention, not shown to be caused by it."),
                gap);
        String sii = EquityStatements.of(get(r, Subgroups.SII), "readmit_30d", "RXX", "INT-011 (Test)", "proportion");
        // Before the start the SII is negative (higher values in the most deprived); a rise of 0.05 narrows it.
        assertTrue(sii.contains("narrowed by 5.0 percentage points"), sii);
        // A widening: Q1 rises.
        List<SubgroupEffect> w = EquityEvaluator.evaluate(input(series(-0.02, 0, 0, 1000, 1), 30));
        String widened = EquityStatements.of(get(w, Subgroups.GAP), "los_mean", "RXX", "INT-1 (T)", "days");
        assertTrue(widened.contains("widened by 0.0200 days"), widened);
        for (String s : List.of(gap, sii, widened)) {
            assertFalse(s.matches(".*(?<!be )caused.*"), s);
        }
    }

    private static List<String> revisedSubgroups(List<SubgroupEffect> r) {
        return r.stream()
                .filter(e -> codes(e).contains(CaveatCode.REVISED_DATA))
                .map(SubgroupEffect::subgroup)
                .toList();
    }

    @Test
    void aRevisionInsideTheWindowCaveatsTheSubgroupsComputedFromThatQuintileAndChangesNoEstimate() {
        Map<String, List<MonthlyValue>> q = series(0.05, 0, 0, 1000, 1);
        List<SubgroupEffect> plain = EquityEvaluator.evaluate(input(q, 30));
        List<SubgroupEffect> q3 = EquityEvaluator.evaluate(new EquityInput(
                q,
                1,
                30,
                START,
                0,
                EvaluationOptions.defaults(),
                Map.of("imd_q3", List.of(new Revision(LocalDate.of(2022, 6, 1), 0.001)))));
        assertEquals(List.of("imd_q3", Subgroups.SII), revisedSubgroups(q3));
        Caveat c = get(q3, "imd_q3").caveats().stream()
                .filter(x -> x.code() == CaveatCode.REVISED_DATA)
                .findFirst()
                .orElseThrow();
        assertEquals(Severity.INFO, c.severity());
        assertTrue(
                c.message().startsWith("NHS England revised 1 month in the period analysed (Jun 2022)"), c.message());
        assertTrue(c.message().contains("changed the value by 0.00100"), c.message());
        assertTrue(get(q3, Subgroups.SII).caveats().toString().contains("changed a quintile's value by 0.00100"));
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(
                    plain.get(i).estimate(), q3.get(i).estimate(), plain.get(i).subgroup());
            assertEquals(
                    plain.get(i).ciLower(), q3.get(i).ciLower(), plain.get(i).subgroup());
        }
        // A least-deprived month that appeared in the new vintage (no size) moves Q5, the gap and the SII.
        List<SubgroupEffect> q5 = EquityEvaluator.evaluate(new EquityInput(
                q,
                1,
                30,
                START,
                0,
                EvaluationOptions.defaults(),
                Map.of("imd_q5", List.of(new Revision(LocalDate.of(2024, 3, 1), Double.NaN)))));
        assertEquals(List.of("imd_q5", Subgroups.GAP, Subgroups.SII), revisedSubgroups(q5));
        assertFalse(get(q5, Subgroups.GAP).caveats().toString().contains("largest"));
    }

    @Test
    void noRevisedDataForARevisionOutsideTheWindowInTheImplementationPeriodOrWithoutChange() {
        Map<String, List<MonthlyValue>> q = series(0.05, 0, 0, 1000, 1);
        // Months 2022-01..2024-12; start 2024-01 with 2 implementation months, left out of both sides.
        List<Map<String, List<Revision>>> outside = List.of(
                Map.of("imd_q1", List.of(new Revision(LocalDate.of(2021, 12, 1), 0.5))),
                Map.of("imd_q1", List.of(new Revision(START, 0.5), new Revision(START.plusMonths(1), 0.5))),
                Map.of("imd_q1", List.of(new Revision(LocalDate.of(2023, 5, 1), 0.0))));
        for (Map<String, List<Revision>> revisions : outside) {
            List<SubgroupEffect> r = EquityEvaluator.evaluate(
                    new EquityInput(q, 1, 30, START, 2, EvaluationOptions.defaults(), revisions));
            assertEquals(List.of(), revisedSubgroups(r), revisions.toString());
        }
        List<SubgroupEffect> firstPost = EquityEvaluator.evaluate(new EquityInput(
                q,
                1,
                30,
                START,
                2,
                EvaluationOptions.defaults(),
                Map.of("imd_q1", List.of(new Revision(START.plusMonths(2), 0.5)))));
        assertEquals(List.of("imd_q1", Subgroups.GAP, Subgroups.SII), revisedSubgroups(firstPost));
    }

    private static List<CaveatCode> codes(SubgroupEffect e) {
        return e.caveats().stream().map(c -> c.code()).toList();
    }
}
