package uk.lhs.common.evaluation.staggered;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Group-time effects and aggregations on a five-unit panel whose 2×2 means are worked by hand in the comments, and
 * the panel preparation as R {@code did} does it.
 */
class StaggeredDidTest {
    private static final double EPS = 1e-12;

    /**
     * Periods 1–4. Never treated N1 (1,2,3,5), N2 (3,3,5,6); cohort 3: A1 (2,4,9,10), A2 (0,1,5,8); cohort 4: B1
     * (1,1,2,7).
     */
    static StaggeredPanel hand() {
        StaggeredPanel.Builder b = StaggeredPanel.builder();
        add(b, "N1", 0, 1, 2, 3, 5);
        add(b, "N2", 0, 3, 3, 5, 6);
        add(b, "A1", 3, 2, 4, 9, 10);
        add(b, "A2", 3, 0, 1, 5, 8);
        add(b, "B1", 4, 1, 1, 2, 7);
        return b.build();
    }

    private static void add(StaggeredPanel.Builder b, String unit, int g, double... y) {
        for (int t = 0; t < y.length; t++) {
            b.add(unit, t + 1, y[t], g);
        }
    }

    private static StaggeredOptions options(ControlGroup c, BasePeriod base) {
        return new StaggeredOptions(c, base, 199, 7);
    }

    /** ATT(g,t) keyed "g/t". */
    private static Map<String, Double> attGt(StaggeredResult r) {
        return r.rows(StaggeredResult.ATT_GT).stream()
                .collect(Collectors.toMap(x -> x.group() + "/" + x.time(), StaggeredRow::estimate));
    }

    private static double value(StaggeredResult r, String agg, Integer g, Integer t, Integer e) {
        return r.rows(agg).stream()
                .filter(x -> java.util.Objects.equals(x.group(), g)
                        && java.util.Objects.equals(x.time(), t)
                        && java.util.Objects.equals(x.eventTime(), e))
                .findFirst()
                .orElseThrow()
                .estimate();
    }

    @Test
    void neverTreatedVaryingBaseMatchesTheHandMeans() {
        StaggeredResult r = StaggeredDid.estimate(hand(), options(ControlGroup.NEVER_TREATED, BasePeriod.VARYING));
        Map<String, Double> att = attGt(r);
        // the first period has no ATT with a varying base: 2 cohorts x 3 periods
        assertEquals(6, att.size());
        assertEquals(1.0, att.get("3/2"), EPS); // (2+1)/2 - (1+0)/2
        assertEquals(3.0, att.get("3/3"), EPS); // (5+4)/2 - (1+2)/2, base period 2
        assertEquals(3.5, att.get("3/4"), EPS); // (6+7)/2 - (3+3)/2, base period 2 (= g-1)
        assertEquals(-0.5, att.get("4/2"), EPS); // 0 - (1+0)/2
        assertEquals(-0.5, att.get("4/3"), EPS); // 1 - (1+2)/2
        assertEquals(3.5, att.get("4/4"), EPS); // 5 - (2+1)/2
        // simple: post cells weighted by cohort size 2,2,1
        assertEquals(
                (3.0 * 2 + 3.5 * 2 + 3.5) / 5, r.overall(StaggeredResult.SIMPLE).estimate(), EPS);
        // group: cohort means 3.25 and 3.5, overall weighted 2:1
        assertEquals(3.25, value(r, StaggeredResult.GROUP, 3, null, null), EPS);
        assertEquals(3.5, value(r, StaggeredResult.GROUP, 4, null, null), EPS);
        assertEquals(10.0 / 3, r.overall(StaggeredResult.GROUP).estimate(), EPS);
        // dynamic: e=-2 only cohort 4; e=-1 cohorts 3 (w 2/3) and 4 (w 1/3); e=0 both; e=1 only cohort 3
        assertEquals(-0.5, value(r, StaggeredResult.DYNAMIC, null, null, -2), EPS);
        assertEquals(2.0 / 3 * 1.0 + 1.0 / 3 * -0.5, value(r, StaggeredResult.DYNAMIC, null, null, -1), EPS);
        assertEquals(9.5 / 3, value(r, StaggeredResult.DYNAMIC, null, null, 0), EPS);
        assertEquals(3.5, value(r, StaggeredResult.DYNAMIC, null, null, 1), EPS);
        assertEquals((9.5 / 3 + 3.5) / 2, r.overall(StaggeredResult.DYNAMIC).estimate(), EPS);
        // calendar: from the first cohort's period on; t=3 cohort 3 only, t=4 both
        assertEquals(2, r.rows(StaggeredResult.CALENDAR).size() - 1);
        assertEquals(3.0, value(r, StaggeredResult.CALENDAR, null, 3, null), EPS);
        assertEquals(3.5, value(r, StaggeredResult.CALENDAR, null, 4, null), EPS);
        assertEquals(3.25, r.overall(StaggeredResult.CALENDAR).estimate(), EPS);
        assertEquals(5, r.units());
        assertEquals(2, r.cohorts());
        assertEquals(0, r.droppedUnits());
    }

    @Test
    void notYetTreatedAddsLaterCohortsToTheComparison() {
        StaggeredResult r = StaggeredDid.estimate(hand(), options(ControlGroup.NOT_YET_TREATED, BasePeriod.VARYING));
        Map<String, Double> att = attGt(r);
        assertEquals(1.5 - 1.0 / 3, att.get("3/2"), EPS); // comparison N1, N2 and B1 (first treated 4 > 2)
        assertEquals(4.5 - 4.0 / 3, att.get("3/3"), EPS); // B1 still untreated in 3
        assertEquals(3.5, att.get("3/4"), EPS); // B1 treated by 4: never-treated only
        assertEquals(0 - 1.0, att.get("4/2"), EPS); // N1, N2, A1, A2: changes 1,0,2,1
        assertEquals(-0.5, att.get("4/3"), EPS); // cohort 3 treated in 3: never-treated only
        assertEquals(3.5, att.get("4/4"), EPS);
    }

    @Test
    void universalBaseComparesEveryPeriodWithTheLastPreTreatmentPeriod() {
        StaggeredResult r = StaggeredDid.estimate(hand(), options(ControlGroup.NEVER_TREATED, BasePeriod.UNIVERSAL));
        Map<String, Double> att = attGt(r);
        assertEquals(8, att.size());
        assertEquals(-1.5 - -0.5, att.get("3/1"), EPS); // y1 - y2: A (-2,-1), N (-1,0)
        assertEquals(0.0, att.get("3/2"), EPS); // the base period itself
        assertEquals(3.0, att.get("3/3"), EPS);
        assertEquals(3.5, att.get("3/4"), EPS);
        assertEquals(-1 - -2.0, att.get("4/1"), EPS); // y1 - y3: B -1, N (-2,-2)
        assertEquals(-1 - -1.5, att.get("4/2"), EPS); // y2 - y3: B -1, N (-1,-2)
        assertEquals(0.0, att.get("4/3"), EPS);
        StaggeredRow base = r.rows(StaggeredResult.ATT_GT).stream()
                .filter(x -> x.group() == 3 && x.time() == 2)
                .findFirst()
                .orElseThrow();
        assertTrue(Double.isNaN(base.se()), "the base period's effect has no standard error, as R did reports NA");
        assertEquals(0.0, value(r, StaggeredResult.DYNAMIC, null, null, -1), EPS);
    }

    @Test
    void influenceFunctionGivesTheTwoSampleStandardError() {
        List<List<StaggeredDid.Estimate>> blocks =
                StaggeredDid.pointEstimates(hand(), options(ControlGroup.NEVER_TREATED, BasePeriod.VARYING));
        StaggeredDid.Estimate e33 = blocks.get(0).stream()
                .filter(x -> x.group() == 3 && x.time() == 3)
                .findFirst()
                .orElseThrow();
        // changes A (5,4), N (1,2): population variances 0.25 and 0.25 -> sqrt(0.25/2 + 0.25/2)
        assertEquals(0.5, e33.analyticSe(), EPS);
        double sum = 0;
        for (double v : e33.psi()) {
            sum += v;
        }
        assertEquals(0.0, sum, EPS, "an influence function has mean zero");
        assertEquals(0.0, e33.psi()[4], EPS, "cohort 4 takes no part in ATT(3,3)");
    }

    @Test
    void preTestIsTheWaldStatisticOfThePrePeriodEffects() {
        StaggeredPanel.Builder b = StaggeredPanel.builder();
        add(b, "N1", 0, 1, 2, 3, 5);
        add(b, "N2", 0, 3, 3, 5, 6);
        add(b, "A1", 3, 2, 4, 9, 10);
        add(b, "A2", 3, 0, 1, 5, 8);
        StaggeredResult r = StaggeredDid.estimate(b.build(), options(ControlGroup.NEVER_TREATED, BasePeriod.VARYING));
        // one pre-treatment effect, ATT(3,2) = 1; psi = 4*(+-0.5)/2 on every unit, so V = mean(psi^2) = 1
        // and W = n * att^2 / V = 4; P(chi2(1) > 4) = 0.0455003
        assertEquals(1, r.preTest().df());
        assertEquals(4.0, r.preTest().statistic(), 1e-10);
        assertEquals(0.04550026389635842, r.preTest().pValue(), 1e-9);
        // the five-unit panel: cohort 4 is one unit, so its two placebo effects move only with the never treated
        // and their covariance is singular; R did returns no statistic then
        StaggeredResult singular =
                StaggeredDid.estimate(hand(), options(ControlGroup.NEVER_TREATED, BasePeriod.VARYING));
        assertEquals(3, singular.preTest().df());
        assertTrue(Double.isNaN(singular.preTest().statistic()));
    }

    @Test
    void overallRowsHaveNoBandAndOtherRowsABandAtLeastAsWideAsThePointwiseInterval() {
        StaggeredResult r = StaggeredDid.estimate(
                StaggeredDidRandomTest.panel(40, 8, new int[] {4, 6}, 3), StaggeredOptions.defaults());
        for (StaggeredRow row : r.rows()) {
            if (row.isOverall()) {
                assertTrue(Double.isNaN(row.bandLower()) && Double.isNaN(row.bandUpper()), row.toString());
            } else {
                assertTrue(row.bandUpper() - row.bandLower() >= row.ciUpper() - row.ciLower() - EPS, row.toString());
            }
            assertEquals(row.estimate() + 1.959963984540054 * row.se(), row.ciUpper(), 1e-9);
        }
        assertNull(r.overall(StaggeredResult.SIMPLE).group());
        assertThrows(IllegalArgumentException.class, () -> r.overall(StaggeredResult.ATT_GT));
    }

    @Test
    void preparationDropsAndRecodesUnitsAsRDidDoes() {
        StaggeredPanel.Builder b = StaggeredPanel.builder();
        add(b, "N1", 0, 1, 2, 3, 5);
        add(b, "N2", 0, 3, 3, 5, 6);
        add(b, "A1", 3, 2, 4, 9, 10);
        add(b, "A2", 3, 0, 1, 5, 8);
        add(b, "B1", 4, 1, 1, 2, 7);
        add(b, "LATE", 9, 3, 4, 5, 6); // first treated after the last period: never treated
        add(b, "EARLY", 1, 5, 5, 5, 5); // treated in the first period: dropped
        add(b, "GAP", 0, 1, Double.NaN, 3, 4); // a missing outcome: dropped (balanced panel)
        b.add("SHORT", 1 + 1, 2.0, 0); // observed in one period only: dropped
        StaggeredResult r = StaggeredDid.estimate(b.build(), options(ControlGroup.NEVER_TREATED, BasePeriod.VARYING));
        assertEquals(6, r.units());
        assertEquals(3, r.droppedUnits());
        assertEquals(4, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(1).contains("after the last period"), r.notes().toString());
        // LATE joins the never treated: changes 1 (period 1 to 2): ATT(3,2) = 1.5 - (1+0+1)/3
        assertEquals(1.5 - 2.0 / 3, attGt(r).get("3/2"), EPS);
    }

    @Test
    void withoutNeverTreatedUnitsTheNotYetTreatedComparisonUsesTheLastCohort() {
        StaggeredPanel.Builder b = StaggeredPanel.builder();
        add(b, "A1", 3, 2, 4, 9, 10);
        add(b, "A2", 3, 0, 1, 5, 8);
        add(b, "B1", 4, 1, 1, 2, 7);
        StaggeredPanel panel = b.build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StaggeredDid.estimate(panel, options(ControlGroup.NEVER_TREATED, BasePeriod.VARYING)));
        assertTrue(e.getMessage().contains("not-yet-treated"), e.getMessage());
        StaggeredResult r = StaggeredDid.estimate(panel, options(ControlGroup.NOT_YET_TREATED, BasePeriod.VARYING));
        // periods 1-3 only; B1 is the comparison: ATT(3,3) = 4.5 - 1
        assertEquals(3.5, attGt(r).get("3/3"), EPS);
        assertEquals(1, r.cohorts());
    }

    @Test
    void panelRejectsContradictions() {
        assertThrows(
                IllegalArgumentException.class,
                () -> StaggeredPanel.builder().add("a", 1, 1, 0).add("a", 1, 2, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> StaggeredPanel.builder().add("a", 1, 1, 0).add("a", 2, 2, 3));
        assertThrows(
                IllegalArgumentException.class, () -> StaggeredPanel.builder().add("a", 0, 1, 0));
        assertThrows(
                IllegalArgumentException.class, () -> StaggeredPanel.builder().build());
        assertThrows(
                IllegalArgumentException.class,
                () -> new StaggeredOptions(ControlGroup.NEVER_TREATED, BasePeriod.VARYING, 10, 1));
    }
}
