package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ImprovementDirection;

/** End-to-end scenarios: each caveat rule, each attribution level, and the output shape. */
class InterventionEvaluatorTest {
    private static final LocalDate ORIGIN = LocalDate.of(2019, 4, 1);

    /** A configurable scenario: exposed, 6 comparators and a region, seasonal with white or AR(1) noise. */
    static final class Scenario {
        int pre = 36;
        int post = 24;
        int implementation = 0;
        double shift = 5;
        double noise = 0.5;
        double phi = 0;
        double exposedSlope = 0;
        double comparatorSlope = 0;
        double comparatorShift = 0;
        double regionShift = 0;
        double lastPreDrop = 0;
        double denominator = Double.NaN;
        int comparators = 6;
        Set<Integer> missing = Set.of();
        boolean orgChanged = false;
        List<OtherIntervention> others = List.of();
        long seed = 1;

        LocalDate start() {
            return ORIGIN.plusMonths(pre);
        }

        EvaluationInput build() {
            Random rnd = new Random(seed);
            int n = pre + implementation + post;
            int firstPost = pre + implementation;
            List<MonthlyValue> exposed = new ArrayList<>();
            List<MonthlyValue> region = new ArrayList<>();
            Map<String, List<MonthlyValue>> comps = new LinkedHashMap<>();
            double e = 0;
            for (int t = 0; t < n; t++) {
                LocalDate m = ORIGIN.plusMonths(t);
                double season = Math.sin(2 * Math.PI * t / 12);
                e = phi * e + noise * rnd.nextGaussian();
                double y = 70
                        + exposedSlope * t
                        + season
                        + e
                        + (t >= firstPost ? shift : 0)
                        - (t >= pre - 3 && t < pre ? lastPreDrop : 0);
                if (!missing.contains(t)) {
                    exposed.add(new MonthlyValue(m, y, Double.NaN, denominator));
                }
                region.add(MonthlyValue.of(
                        m, 68 + season + 0.1 * rnd.nextGaussian() + (t >= firstPost ? regionShift : 0)));
            }
            for (int j = 0; j < comparators; j++) {
                List<MonthlyValue> s = new ArrayList<>();
                for (int t = 0; t < n; t++) {
                    double season = Math.sin(2 * Math.PI * t / 12);
                    s.add(MonthlyValue.of(
                            ORIGIN.plusMonths(t),
                            65
                                    + 2 * j
                                    + comparatorSlope * t
                                    + season
                                    + noise * rnd.nextGaussian()
                                    + (t >= firstPost ? comparatorShift : 0)));
                }
                comps.put(String.format(Locale.ROOT, "R%02d", j), s);
            }
            return new EvaluationInput(
                    exposed,
                    comps,
                    region,
                    start(),
                    implementation,
                    ImprovementDirection.INCREASE,
                    ImprovementDirection.INCREASE,
                    others,
                    orgChanged,
                    EvaluationOptions.defaults());
        }

        EvaluationResult run() {
            return InterventionEvaluator.evaluate(build());
        }
    }

    private static Caveat caveat(EvaluationResult r, CaveatCode code) {
        return r.caveats().stream()
                .filter(c -> c.code() == code)
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " not raised; got " + r.caveats()));
    }

    @Test
    void clearEffectWithComparatorsIsStronglyConsistentAndRowsHaveTheContractShape() {
        EvaluationResult r = new Scenario().run();
        assertEquals(
                List.of(Method.PRE_POST, Method.SPC, Method.ITS, Method.DID, Method.SYNTHETIC_CONTROL, Method.SUMMARY),
                r.rows().stream().map(MethodResult::method).toList());
        assertEquals(Attribution.CHANGE_STRONGLY_CONSISTENT, r.attribution(), r.reasons() + " " + r.caveats());
        assertTrue(r.rows().stream().allMatch(MethodResult::available));
        for (MethodResult row : r.rows()) {
            assertEquals(36, row.prePeriods());
            assertEquals(24, row.postPeriods());
            assertEquals(
                    row.method() == Method.SUMMARY ? Attribution.CHANGE_STRONGLY_CONSISTENT : null, row.attribution());
            if (row.method() != Method.SPC) {
                assertTrue(row.ciLower() < 5 && 5 < row.ciUpper(), row.method() + " interval covers the true 5");
            }
        }
        assertEquals(5, r.row(Method.ITS).estimate(), 0.5);
        assertTrue(r.row(Method.ITS)
                .details()
                .keySet()
                .containsAll(List.of(
                        "slope_change", "durbin_watson", "lag1_acf", "pre_slope", "hac_lag", "seasonal", "df")));
        assertEquals(1.0, r.row(Method.ITS).details().get("seasonal"));
        assertTrue(r.row(Method.SYNTHETIC_CONTROL)
                .details()
                .keySet()
                .containsAll(List.of("pre_rmspe", "rmspe_ratio", "placebo_p", "max_donor_weight")));
        assertEquals(1.0 / 7, r.row(Method.SYNTHETIC_CONTROL).pValue(), 1e-12, "exposed ranks first of 7");
        assertTrue(r.row(Method.DID).details().containsKey("parallel_trends_p"));
        assertEquals(1.0, r.row(Method.SPC).details().get("special_cause"));
        assertEquals(0.0, r.row(Method.SPC).details().get("first_shift_offset_months"));
        assertEquals(r.row(Method.ITS).estimate(), r.row(Method.SUMMARY).estimate(), 0);
    }

    @Test
    void wordingNeverClaimsCausation() {
        Scenario s = new Scenario();
        s.orgChanged = true;
        s.lastPreDrop = 5;
        s.regionShift = 5;
        s.others = List.of(new OtherIntervention("QI-7", s.start(), null));
        s.missing = Set.of(3);
        s.denominator = 20;
        EvaluationResult r = s.run();
        assertTrue(r.caveats().size() >= 6, r.caveats().toString());
        List<String> texts = new ArrayList<>(r.reasons());
        r.caveats().forEach(c -> texts.add(c.message()));
        for (String text : texts) {
            String lower = text.toLowerCase(Locale.ROOT);
            assertFalse(
                    lower.contains("caused")
                            || lower.contains("because of the intervention")
                            || lower.contains("due to the intervention"),
                    text);
        }
    }

    @Test
    void orgChangeIsCriticalAndWeakensAttribution() {
        Scenario s = new Scenario();
        s.orgChanged = true;
        EvaluationResult r = s.run();
        assertEquals(Severity.CRITICAL, caveat(r, CaveatCode.ORG_CHANGE).severity());
        assertEquals(Attribution.CHANGE_ATTRIBUTION_WEAK, r.attribution());
    }

    @Test
    void noComparatorsCapsAtConsistent() {
        Scenario s = new Scenario();
        s.comparators = 0;
        EvaluationResult r = s.run();
        caveat(r, CaveatCode.NO_COMPARATOR);
        assertEquals(Attribution.CHANGE_CONSISTENT_WITH_INTERVENTION, r.attribution());
        assertFalse(r.row(Method.DID).available());
        assertTrue(Double.isNaN(r.row(Method.SYNTHETIC_CONTROL).estimate()));
        assertTrue(r.row(Method.DID).caveats().stream().anyMatch(c -> c.code() == CaveatCode.NO_COMPARATOR));
        assertFalse(r.row(Method.ITS).caveats().stream().anyMatch(c -> c.code() == CaveatCode.NO_COMPARATOR));
    }

    @Test
    void veryShortBaselineIsInsufficient() {
        Scenario s = new Scenario();
        s.pre = 4;
        EvaluationResult r = s.run();
        assertEquals(Attribution.INSUFFICIENT_DATA, r.attribution());
        assertEquals(Severity.CRITICAL, caveat(r, CaveatCode.SHORT_BASELINE).severity());
    }

    @Test
    void shortFollowUpIsAWarning() {
        Scenario s = new Scenario();
        s.post = 4;
        assertEquals(
                Severity.WARNING, caveat(s.run(), CaveatCode.SHORT_FOLLOW_UP).severity());
    }

    @Test
    void noShiftMeansNoChangeDetected() {
        Scenario s = new Scenario();
        s.shift = 0;
        EvaluationResult r = s.run();
        assertEquals(
                Attribution.NO_CHANGE_DETECTED, r.attribution(), r.reasons().toString());
        assertFalse(r.attribution().changeDetected());
    }

    @Test
    void changeInTheWrongDirectionIsNotCredited() {
        Scenario s = new Scenario();
        s.shift = -5;
        EvaluationResult r = s.run();
        assertEquals(Attribution.NO_CHANGE_DETECTED, r.attribution());
        assertTrue(
                r.reasons().get(0).contains("opposite direction"), r.reasons().toString());
    }

    @Test
    void gapsAreFlaggedAndManyGapsAreInsufficient() {
        Scenario s = new Scenario();
        s.missing = Set.of(5, 40);
        assertEquals(Severity.WARNING, caveat(s.run(), CaveatCode.DATA_GAPS).severity());
        Scenario many = new Scenario();
        Set<Integer> m = new java.util.HashSet<>();
        for (int t = 1; t < 59; t += 3) {
            m.add(t);
        }
        many.missing = m;
        EvaluationResult r = many.run();
        assertEquals(Severity.CRITICAL, caveat(r, CaveatCode.DATA_GAPS).severity());
        assertEquals(Attribution.INSUFFICIENT_DATA, r.attribution());
    }

    @Test
    void smallDenominatorsAreFlagged() {
        Scenario s = new Scenario();
        s.denominator = 20;
        assertEquals(Severity.WARNING, caveat(s.run(), CaveatCode.SMALL_NUMBERS).severity());
        Scenario big = new Scenario();
        big.denominator = 5000;
        assertFalse(big.run().hasCaveat(CaveatCode.SMALL_NUMBERS));
    }

    @Test
    void regionMovingTheSameWayIsASecularTrend() {
        Scenario s = new Scenario();
        s.regionShift = 4;
        EvaluationResult r = s.run();
        caveat(r, CaveatCode.SECULAR_TREND);
        assertEquals(Attribution.CHANGE_ATTRIBUTION_WEAK, r.attribution());
        assertFalse(new Scenario().run().hasCaveat(CaveatCode.SECULAR_TREND));
    }

    @Test
    void overlappingInterventionsAreConcurrent() {
        Scenario s = new Scenario();
        s.others = List.of(new OtherIntervention("QI-2", s.start().plusMonths(1), null));
        EvaluationResult same = s.run();
        assertEquals(
                Severity.CRITICAL,
                caveat(same, CaveatCode.CONCURRENT_INTERVENTION).severity());
        assertTrue(caveat(same, CaveatCode.CONCURRENT_INTERVENTION).message().contains("QI-2"));
        assertEquals(Attribution.CHANGE_ATTRIBUTION_WEAK, same.attribution());
        Scenario later = new Scenario();
        later.others = List.of(new OtherIntervention("QI-3", later.start().plusMonths(12), null));
        assertEquals(
                Severity.WARNING,
                caveat(later.run(), CaveatCode.CONCURRENT_INTERVENTION).severity());
        Scenario ended = new Scenario();
        ended.others = List.of(new OtherIntervention("QI-1", ORIGIN.minusMonths(12), ORIGIN.minusMonths(1)));
        assertFalse(ended.run().hasCaveat(CaveatCode.CONCURRENT_INTERVENTION));
    }

    @Test
    void existingTrendIsFlaggedForTheSimpleComparisons() {
        Scenario s = new Scenario();
        s.exposedSlope = 0.3;
        s.comparatorSlope = 0.3;
        EvaluationResult r = s.run();
        caveat(r, CaveatCode.PRE_TREND);
        assertTrue(r.row(Method.PRE_POST).caveats().stream().anyMatch(c -> c.code() == CaveatCode.PRE_TREND));
        assertFalse(r.row(Method.ITS).caveats().stream().anyMatch(c -> c.code() == CaveatCode.PRE_TREND));
        assertFalse(r.hasCaveat(CaveatCode.COMPARATOR_DIVERGENCE));
    }

    @Test
    void shortBaselineCannotAdjustForSeason() {
        Scenario s = new Scenario();
        s.pre = 18;
        EvaluationResult whole = s.run();
        assertEquals(
                Severity.INFO, caveat(whole, CaveatCode.SEASONALITY_UNADJUSTED).severity(), "24 post months");
        assertEquals(0.0, whole.row(Method.ITS).details().get("seasonal"));
        s.post = 18;
        assertEquals(
                Severity.WARNING,
                caveat(s.run(), CaveatCode.SEASONALITY_UNADJUSTED).severity());
    }

    @Test
    void divergingComparatorsAreFlagged() {
        Scenario s = new Scenario();
        s.comparatorSlope = -0.3;
        EvaluationResult r = s.run();
        caveat(r, CaveatCode.COMPARATOR_DIVERGENCE);
        assertTrue(r.row(Method.DID).details().get("parallel_trends_p") < 0.05);
        assertEquals(Attribution.CHANGE_ATTRIBUTION_WEAK, r.attribution());
    }

    @Test
    void methodsPointingOppositeWaysAreFlagged() {
        Scenario s = new Scenario();
        s.comparatorShift = 10;
        EvaluationResult r = s.run();
        assertTrue(r.row(Method.DID).ciUpper() < 0, "comparators rose by more");
        caveat(r, CaveatCode.METHODS_DISAGREE);
        assertEquals(Attribution.CHANGE_ATTRIBUTION_WEAK, r.attribution());
    }

    @Test
    void startAfterUnusuallyPoorMonthsIsRegressionToTheMean() {
        Scenario s = new Scenario();
        s.lastPreDrop = 4;
        EvaluationResult r = s.run();
        caveat(r, CaveatCode.REGRESSION_TO_MEAN);
        assertEquals(Attribution.CHANGE_ATTRIBUTION_WEAK, r.attribution());
        assertFalse(new Scenario().run().hasCaveat(CaveatCode.REGRESSION_TO_MEAN));
    }

    @Test
    void autocorrelatedResidualsAreNoted() {
        Scenario s = new Scenario();
        s.phi = 0.9;
        EvaluationResult r = s.run();
        assertTrue(Math.abs(r.row(Method.ITS).details().get("lag1_acf")) > CaveatRules.AUTOCORRELATION_NOTE);
        caveat(r, CaveatCode.AUTOCORRELATION);
        assertFalse(new Scenario().run().hasCaveat(CaveatCode.AUTOCORRELATION));
    }

    @Test
    void implementationMonthsBelongToNeitherSide() {
        Scenario s = new Scenario();
        s.implementation = 3;
        EvaluationResult r = s.run();
        assertEquals(36, r.row(Method.ITS).prePeriods());
        assertEquals(24, r.row(Method.ITS).postPeriods());
        assertFalse(r.hasCaveat(CaveatCode.DATA_GAPS), "the implementation period is not a gap");
        assertEquals(5, r.row(Method.ITS).estimate(), 0.5);
    }

    @Test
    void emptySeriesGivesInsufficientDataAndSixUnavailableRows() {
        EvaluationResult r = InterventionEvaluator.evaluate(new EvaluationInput(
                List.of(),
                Map.of(),
                List.of(),
                ORIGIN,
                0,
                ImprovementDirection.DECREASE,
                ImprovementDirection.DECREASE,
                List.of(),
                false,
                null));
        assertEquals(Attribution.INSUFFICIENT_DATA, r.attribution());
        assertEquals(6, r.rows().size());
        assertTrue(r.rows().stream().noneMatch(MethodResult::available));
        assertEquals(Severity.CRITICAL, caveat(r, CaveatCode.SHORT_BASELINE).severity());
    }

    @Test
    void methodRowsCarryNoAttribution() {
        EvaluationResult r = new Scenario().run();
        r.rows().stream().filter(x -> x.method() != Method.SUMMARY).forEach(x -> assertNull(x.attribution()));
        assertTrue(Arrays.stream(Attribution.values())
                .map(Attribution::label)
                .toList()
                .containsAll(List.of(
                        "insufficient_data",
                        "no_change_detected",
                        "change_attribution_weak",
                        "change_consistent_with_intervention",
                        "change_strongly_consistent")));
    }
}
