package uk.lhs.common.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.stat.StatUtils;
import org.junit.jupiter.api.Test;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * Seeded simulation: 36 baseline + 24 follow-up months of organisation-specific AR(1) noise (φ = 0.2, unit
 * innovations) plus a national AR(1) shock shared by all organisations (φ = 0.5, innovation SD 0.5), a shared seasonal
 * cycle (amplitude 3, random phase) and organisation-specific levels; 8 comparators; a known level shift δ ∈ {0, 2, 4}
 * injected into the exposed series. Checks 95% interval coverage of the true δ, the false "change detected" rate on
 * nulls (≤ 10%), and the regression-to-the-mean and concurrent-intervention flags (≥ 90%).
 *
 * <p>Coverage is asserted at ≥ {@value #COVERAGE_FLOOR}. With the default conservative HAC form ({@link HacForm})
 * the measured coverage here is 0.911 (ITS), 0.928 (DiD) and 0.906 (synthetic control); the small-sample HAC form
 * alone gave 0.883 / 0.911 / 0.892. Newey–West intervals under-cover in series this short — the residuals of a
 * fitted trend are negatively correlated, which biases the kernel's lag terms downwards, and 11 month dummies give
 * high leverage. A harder design (φ = 0.4, national SD 1, 12 follow-up months) is run and printed but not asserted
 * (0.808 / 0.850 / 0.842; small-sample form 0.758 / 0.825 / 0.808).
 */
class EvaluationSimulationIT {
    private static final int PRE = 36;
    private static final int POST = 24;
    private static final int COMPARATORS = 8;
    private static final LocalDate ORIGIN = LocalDate.of(2019, 4, 1);
    private static final double[] SHIFTS = {0, 2, 4};
    private static final int REPLICATES_PER_SHIFT = 120;

    private static final int HARDER_REPLICATES_PER_SHIFT = 40;

    /** Asserted floor on 95% interval coverage (the target). */
    private static final double COVERAGE_FLOOR = 0.90;

    /** Organisation-specific AR(1) coefficient and national-shock AR(1) coefficient. */
    private static final double PHI_ORG = 0.2;

    private static final double PHI_NATIONAL = 0.5;

    private static final double SD_NATIONAL = 0.5;

    private static final double SEASONAL_AMPLITUDE = 3;

    /** Induced extreme months: the last 3 baseline months lowered by this many SDs of the earlier baseline. */
    private static final double RTM_DROP_SD = 3;

    /** One simulated unit: exposed, comparators, region (mean of all organisations). */
    record Unit(
            List<MonthlyValue> exposed,
            Map<String, List<MonthlyValue>> comparators,
            List<MonthlyValue> region,
            LocalDate start) {}

    /** Simulation design: organisation AR(1) coefficient, national-shock AR(1) coefficient and its SD, lengths. */
    record Design(double phiOrg, double phiNational, double sdNational, int pre, int post) {}

    static final Design DESIGN = new Design(PHI_ORG, PHI_NATIONAL, SD_NATIONAL, PRE, POST);

    static final Design HARDER = new Design(0.4, PHI_NATIONAL, 1, PRE, 12);

    static Unit simulate(Random rnd, double shift, double lastPreDrop) {
        return simulate(rnd, shift, lastPreDrop, DESIGN);
    }

    static Unit simulate(Random rnd, double shift, double lastPreDrop, Design design) {
        final int PRE = design.pre();
        final int POST = design.post();
        double[] national = ar1(rnd, design.phiNational(), PRE + POST);
        double phase = 2 * Math.PI * rnd.nextDouble();
        double[][] org = new double[COMPARATORS + 1][];
        double[] regionSum = new double[PRE + POST];
        for (int j = 0; j <= COMPARATORS; j++) {
            double level = 70 + 5 * rnd.nextGaussian();
            double[] e = ar1(rnd, design.phiOrg(), PRE + POST);
            org[j] = new double[PRE + POST];
            for (int t = 0; t < PRE + POST; t++) {
                org[j][t] = level
                        + SEASONAL_AMPLITUDE * Math.sin(2 * Math.PI * t / 12 + phase)
                        + design.sdNational() * national[t]
                        + e[t]
                        + (j == 0 && t >= PRE ? shift : 0);
            }
        }
        double[] earlier = Arrays.copyOfRange(org[0], 0, PRE - CaveatRules.RTM_MONTHS);
        double sd = Math.sqrt(StatUtils.variance(earlier));
        for (int t = PRE - CaveatRules.RTM_MONTHS; t < PRE; t++) {
            org[0][t] -= lastPreDrop * sd;
        }
        Map<String, List<MonthlyValue>> comps = new LinkedHashMap<>();
        for (int j = 0; j <= COMPARATORS; j++) {
            List<MonthlyValue> s = new ArrayList<>();
            for (int t = 0; t < PRE + POST; t++) {
                s.add(MonthlyValue.of(ORIGIN.plusMonths(t), org[j][t]));
                regionSum[t] += org[j][t] / (COMPARATORS + 1);
            }
            if (j > 0) {
                comps.put(String.format(Locale.ROOT, "C%02d", j), s);
            }
        }
        List<MonthlyValue> exposed = new ArrayList<>();
        List<MonthlyValue> region = new ArrayList<>();
        for (int t = 0; t < PRE + POST; t++) {
            exposed.add(MonthlyValue.of(ORIGIN.plusMonths(t), org[0][t]));
            region.add(MonthlyValue.of(ORIGIN.plusMonths(t), regionSum[t]));
        }
        return new Unit(exposed, comps, region, ORIGIN.plusMonths(PRE));
    }

    private static double[] ar1(Random rnd, double phi, int n) {
        double[] e = new double[n];
        double prev = rnd.nextGaussian() / Math.sqrt(1 - phi * phi);
        for (int t = 0; t < n; t++) {
            prev = phi * prev + rnd.nextGaussian();
            e[t] = prev;
        }
        return e;
    }

    static EvaluationInput input(Unit u, List<OtherIntervention> others) {
        return new EvaluationInput(
                u.exposed(),
                u.comparators(),
                u.region(),
                u.start(),
                0,
                ImprovementDirection.INCREASE,
                ImprovementDirection.INCREASE,
                others,
                false,
                EvaluationOptions.defaults());
    }

    private static boolean covers(MethodResult r, double truth) {
        return r.ciLower() <= truth && truth <= r.ciUpper();
    }

    /** Coverage of ITS, DiD and synthetic control, false detections and null count, for one design. */
    record Coverage(int n, int its, int did, int sc, int nulls, int falseDetect) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "n=%d ITS coverage %.3f, DiD %.3f, synthetic control %.3f; false change "
                            + "detected on nulls %.3f (%d/%d)",
                    n,
                    its / (double) n,
                    did / (double) n,
                    sc / (double) n,
                    falseDetect / (double) nulls,
                    falseDetect,
                    nulls);
        }
    }

    static Coverage coverage(Random rnd, Design design, int replicatesPerShift) {
        int n = 0;
        int itsCover = 0;
        int didCover = 0;
        int scCover = 0;
        int nulls = 0;
        int falseDetect = 0;
        for (double shift : SHIFTS) {
            for (int r = 0; r < replicatesPerShift; r++) {
                EvaluationResult res =
                        InterventionEvaluator.evaluate(input(simulate(rnd, shift, 0, design), List.of()));
                n++;
                itsCover += covers(res.row(Method.ITS), shift) ? 1 : 0;
                didCover += covers(res.row(Method.DID), shift) ? 1 : 0;
                scCover += covers(res.row(Method.SYNTHETIC_CONTROL), shift) ? 1 : 0;
                if (shift == 0) {
                    nulls++;
                    falseDetect += res.attribution().changeDetected() ? 1 : 0;
                }
            }
        }
        return new Coverage(n, itsCover, didCover, scCover, nulls, falseDetect);
    }

    @Test
    void coverageFalseDetectionAndFlags() {
        Random rnd = new Random(20251123L);
        Coverage c = coverage(rnd, DESIGN, REPLICATES_PER_SHIFT);
        Coverage harder = coverage(rnd, HARDER, HARDER_REPLICATES_PER_SHIFT);
        int rtmRuns = 150;
        int rtmFlagged = 0;
        int rtmFlaggedWithoutDrop = 0;
        for (int r = 0; r < rtmRuns; r++) {
            rtmFlagged += InterventionEvaluator.evaluate(input(simulate(rnd, 0, RTM_DROP_SD), List.of()))
                            .hasCaveat(CaveatCode.REGRESSION_TO_MEAN)
                    ? 1
                    : 0;
            rtmFlaggedWithoutDrop += InterventionEvaluator.evaluate(input(simulate(rnd, 0, 0), List.of()))
                            .hasCaveat(CaveatCode.REGRESSION_TO_MEAN)
                    ? 1
                    : 0;
        }
        int concurrentRuns = 100;
        int concurrentFlagged = 0;
        int concurrentOutsideFlagged = 0;
        for (int r = 0; r < concurrentRuns; r++) {
            Unit u = simulate(rnd, 2, 0);
            // Another intervention starting anywhere in the window (it overlaps) ...
            LocalDate inside = ORIGIN.plusMonths(rnd.nextInt(PRE + POST));
            concurrentFlagged +=
                    InterventionEvaluator.evaluate(input(u, List.of(new OtherIntervention("other", inside, null))))
                                    .hasCaveat(CaveatCode.CONCURRENT_INTERVENTION)
                            ? 1
                            : 0;
            // ... and one that ended before the window began (it does not).
            LocalDate before = ORIGIN.minusMonths(1 + rnd.nextInt(24));
            concurrentOutsideFlagged += InterventionEvaluator.evaluate(
                                    input(u, List.of(new OtherIntervention("old", before.minusMonths(6), before))))
                            .hasCaveat(CaveatCode.CONCURRENT_INTERVENTION)
                    ? 1
                    : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "simulation: %s; RTM flagged %.3f after induced drops, %.3f without; concurrent flagged %.3f, "
                        + "non-overlapping flagged %.3f%nharder design (not asserted): %s%n",
                c.describe(),
                rtmFlagged / (double) rtmRuns,
                rtmFlaggedWithoutDrop / (double) rtmRuns,
                concurrentFlagged / (double) concurrentRuns,
                concurrentOutsideFlagged / (double) concurrentRuns,
                harder.describe());
        assertTrue(c.its() >= COVERAGE_FLOOR * c.n(), "ITS 95% interval coverage: " + c.describe());
        assertTrue(c.did() >= COVERAGE_FLOOR * c.n(), "DiD 95% interval coverage: " + c.describe());
        assertTrue(c.sc() >= COVERAGE_FLOOR * c.n(), "synthetic-control 95% interval coverage: " + c.describe());
        assertTrue(c.falseDetect() <= 0.10 * c.nulls(), "false change detected: " + c.describe());
        assertTrue(rtmFlagged >= 0.90 * rtmRuns, "RTM flagged " + rtmFlagged + "/" + rtmRuns);
        assertTrue(concurrentFlagged >= 0.90 * concurrentRuns, "concurrent flagged " + concurrentFlagged);
        assertEquals(0, concurrentOutsideFlagged, "an intervention that ended before the window is not concurrent");
    }
}
