package uk.lhs.common.evaluation.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.CaveatCode;
import uk.lhs.common.evaluation.Severity;
import uk.lhs.common.evaluation.meta.MetaMethod;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.meta.MetaResult;

class LearningTest {
    private static final LocalDate APRIL = LocalDate.of(2024, 4, 1);

    private static SiteEffect site(
            String type, String id, String org, String method, double y, double se, LocalDate start, String... comps) {
        return new SiteEffect(
                type,
                id,
                "rtt_18wk",
                method,
                org,
                org + " name",
                y,
                y - 1.96 * se,
                y + 1.96 * se,
                se,
                start,
                List.of(comps));
    }

    private static MetaResult result(int k, double i2, double qP, double piLower, double piUpper) {
        return new MetaResult(
                MetaMethod.REML,
                false,
                k,
                0.031,
                0.006,
                0.0192,
                0.0428,
                0.0002,
                i2,
                20,
                k - 1,
                qP,
                piLower,
                piUpper,
                false,
                5);
    }

    @Test
    void fixedEffectPoolingMatchesTheInverseVarianceAverageComputedByHand() {
        // Three sites: y = 0.02, 0.04, 0.03 with SE 0.01, 0.02, 0.005. Inverse-variance weights 10000, 2500, 40000
        // (sum 52500): pooled (200 + 100 + 1200) / 52500 = 0.0285714..., SE 1/sqrt(52500) = 0.0043644; weights in
        // percent 19.048, 4.762, 76.190 (Borenstein et al. 2009, ch. 11).
        List<SiteEffect> sites = List.of(
                site("virtual_ward", "INT-1", "RA", "its", 0.02, 0.01, APRIL),
                site("virtual_ward", "INT-2", "RB", "its", 0.04, 0.02, APRIL.plusMonths(1)),
                site("virtual_ward", "INT-3", "RC", "its", 0.03, 0.005, APRIL.plusMonths(2)));
        List<PooledEffect> pooled = Learning.pool(sites, MetaOptions.of(MetaMethod.FE), Map.of());
        assertEquals(1, pooled.size());
        PooledEffect p = pooled.get(0);
        assertEquals(1500.0 / 52500, p.result().estimate(), 1e-12);
        assertEquals(1 / Math.sqrt(52500), p.result().se(), 1e-12);
        assertEquals(100 * 10000 / 52500.0, p.weights().get(0), 1e-9);
        assertEquals(100 * 2500 / 52500.0, p.weights().get(1), 1e-9);
        assertEquals(100 * 40000 / 52500.0, p.weights().get(2), 1e-9);
        assertEquals(
                List.of("RA", "RB", "RC"),
                p.sites().stream().map(SiteEffect::orgCode).toList());
        assertEquals("virtual_ward", p.interventionType());
        assertEquals("its", p.method());
    }

    @Test
    void randomEffectsWeightsAddTauSquaredToEachSitesVariance() {
        List<Double> w = Learning.weights(new double[] {0.01, 0.02}, 0.0003);
        double a = 1 / (0.0001 + 0.0003);
        double b = 1 / (0.0004 + 0.0003);
        assertEquals(100 * a / (a + b), w.get(0), 1e-9);
        assertEquals(100 * b / (a + b), w.get(1), 1e-9);
    }

    @Test
    void groupsByTypeIndicatorAndMethodSkippingLoneSitesAndUnpooledMethods() {
        List<SiteEffect> effects = new ArrayList<>();
        for (String m : List.of("its", "did", "pre_post")) {
            effects.add(site("sdec", "INT-1", "RA", m, 0.01, 0.01, APRIL, "C1"));
            effects.add(site("sdec", "INT-2", "RB", m, 0.03, 0.01, APRIL.plusMonths(1), "C2"));
        }
        effects.add(site("virtual_ward", "INT-3", "RC", "its", 0.05, 0.01, APRIL)); // alone: no row
        List<PooledEffect> pooled = Learning.pool(effects, MetaOptions.reml(), Map.of());
        assertEquals(
                List.of("sdec its", "sdec did"),
                pooled.stream()
                        .map(p -> p.interventionType() + " " + p.method())
                        .toList());
    }

    @Test
    void aTrustInTwoEntriesOfOneTypeCountsOnceWithTheEarlierStart() {
        List<SiteEffect> effects = List.of(
                site("sdec", "INT-9", "RA", "its", 0.50, 0.01, APRIL.plusMonths(6)),
                site("sdec", "INT-2", "RA", "its", 0.01, 0.01, APRIL),
                site("sdec", "INT-1", "RB", "its", 0.02, 0.01, APRIL.plusMonths(1)),
                site("sdec", "INT-0", "RB", "its", 0.90, 0.01, APRIL.plusMonths(1)));
        List<SiteEffect> kept = Learning.onePerOrganisation(effects);
        assertEquals(
                List.of("INT-2", "INT-0"),
                kept.stream().map(SiteEffect::interventionId).toList());
        assertEquals(
                2,
                Learning.pool(effects, MetaOptions.reml(), Map.of())
                        .get(0)
                        .result()
                        .k());
    }

    @Test
    void fewSitesIsAWarningBelowFiveAndCriticalBelowThree() {
        List<SiteEffect> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(site("t", "INT-" + i, "R" + i, "its", 0.01, 0.01, APRIL.plusMonths(i)));
        }
        Caveat c = only(LearningCaveats.of(four, result(4, 10, 0.5, -0.01, 0.07)), CaveatCode.FEW_SITES);
        assertEquals(Severity.WARNING, c.severity());
        assertTrue(c.message().startsWith("Only 4 trusts were pooled"), c.message());
        Caveat two = only(
                LearningCaveats.of(four.subList(0, 2), result(2, 10, 0.5, Double.NaN, Double.NaN)),
                CaveatCode.FEW_SITES);
        assertEquals(Severity.CRITICAL, two.severity());
        assertTrue(two.message().contains("no range for a new trust"), two.message());
        List<SiteEffect> five = new ArrayList<>(four);
        five.add(site("t", "INT-5", "R5", "its", 0.01, 0.01, APRIL.plusMonths(5)));
        assertTrue(LearningCaveats.of(five, result(5, 10, 0.5, -0.01, 0.07)).isEmpty());
    }

    @Test
    void heterogeneityIsHighFromSeventyFivePercentIOrAQPBelowOneTenth() {
        List<SiteEffect> sites = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sites.add(site("t", "INT-" + i, "R" + i, "its", 0.01, 0.01, APRIL.plusMonths(i)));
        }
        Caveat byI2 = only(LearningCaveats.of(sites, result(6, 75, 0.2, -0.01, 0.07)), CaveatCode.HIGH_HETEROGENEITY);
        assertEquals(
                "The trusts' results differ more than chance would explain (I2 = 75%, Cochran's Q p = 0.200): the"
                        + " average may describe no single trust well; the range for a new trust shows how much they"
                        + " vary.",
                byI2.message());
        Caveat byQ = only(LearningCaveats.of(sites, result(6, 40, 0.0004, -0.01, 0.07)), CaveatCode.HIGH_HETEROGENEITY);
        assertTrue(byQ.message().contains("I2 = 40%, Cochran's Q p = < 0.001"), byQ.message());
        assertTrue(LearningCaveats.of(sites, result(6, 74.9, 0.10, -0.01, 0.07)).isEmpty());
    }

    @Test
    void sharedComparatorsConcernControlledMethodsAndSharedStartsConcernAll() {
        List<SiteEffect> did = List.of(
                site("t", "INT-1", "RA", "did", 0.01, 0.01, APRIL, "C1", "C2"),
                site("t", "INT-2", "RB", "did", 0.01, 0.01, APRIL.plusMonths(1), "C2", "C3"),
                site("t", "INT-3", "RC", "did", 0.01, 0.01, APRIL.plusMonths(2), "C4"));
        assertEquals("2 of them were compared with some of the same organisations", LearningCaveats.shared(did));
        // The same comparator lists do not matter to ITS, which uses none.
        List<SiteEffect> its = List.of(
                site("t", "INT-1", "RA", "its", 0.01, 0.01, APRIL, "C1", "C2"),
                site("t", "INT-2", "RB", "its", 0.01, 0.01, APRIL.plusMonths(1), "C2", "C3"));
        assertNull(LearningCaveats.shared(its));
        // A system-wide entry's trusts all start together.
        List<SiteEffect> together = List.of(
                site("t", "INT-1", "RA", "its", 0.01, 0.01, APRIL),
                site("t", "INT-1", "RB", "its", 0.01, 0.01, APRIL),
                site("t", "INT-2", "RC", "its", 0.01, 0.01, APRIL.plusMonths(3)));
        Caveat c = only(LearningCaveats.of(together, result(3, 0, 0.9, -0.01, 0.07)), CaveatCode.SHARED_COMPARATORS);
        assertEquals(
                "The trusts' estimates are not independent (2 of them started in the same month as another), so the"
                        + " pooled interval is likely too narrow.",
                c.message());
        assertEquals(Severity.WARNING, c.severity());
    }

    @Test
    void theStatementIsAnAssociationWithTheRangeForANewTrust() {
        assertEquals(
                "Across 9 trusts, validation of waiting lists was associated with a change in Within 18 weeks"
                        + " (rtt_18wk) of +3.1 percentage points (95% CI +1.9 to +4.3; interrupted time series"
                        + " estimates pooled); in a new trust expect between -0.3 and +6.5 percentage points. This is"
                        + " an association, not proof of effect.",
                LearningStatements.of(
                        "validation_of_waiting_lists",
                        "rtt_18wk",
                        "its",
                        new LearningStatements.Indicator("proportion", "Within 18 weeks"),
                        result(9, 80, 0.001, -0.003, 0.065)));
        assertEquals(
                "Across 2 trusts, virtual ward was associated with a change in los_mean of +0.0310 days (95% CI"
                        + " +0.0192 to +0.0428; difference-in-differences estimates pooled); with 2 trusts no range"
                        + " for a new trust can be given. This is an association, not proof of effect.",
                LearningStatements.of(
                        "virtual_ward",
                        "los_mean",
                        "did",
                        new LearningStatements.Indicator("days", null),
                        result(2, 0, 0.9, Double.NaN, Double.NaN)));
    }

    @Test
    void theStandardErrorIsTheRecordedOneElseTheNormalIntervalsHalfWidth() {
        assertEquals(0.004, SiteEffect.standardError(0.004, 0.0, 1.0));
        assertEquals(0.01, SiteEffect.standardError(null, 0.05 - 0.01959964, 0.05 + 0.01959964), 1e-12);
        assertEquals(0.01, SiteEffect.standardError(Double.NaN, 0.05 - 0.01959964, 0.05 + 0.01959964), 1e-12);
        assertTrue(Double.isNaN(SiteEffect.standardError(null, Double.NaN, 0.1)));
        assertThrows(IllegalArgumentException.class, () -> site("t", "INT-1", "RA", "its", 0.01, Double.NaN, APRIL));
    }

    private static Caveat only(List<Caveat> caveats, CaveatCode code) {
        List<Caveat> found = caveats.stream().filter(c -> c.code() == code).toList();
        assertEquals(1, found.size(), caveats.toString());
        return found.get(0);
    }
}
