package uk.lhs.common.spells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.lhs.common.stats.GroupedLogistic;

/** The driver-side case-mix fit: maximum likelihood without separation, a finite penalised fit with it. */
class CaseMixModelTest {
    static final List<String> FACTORS = List.of("age_band", "method", "group", "specialty");

    /** Cells from a known additive model, events drawn binomially with a fixed seed; no level is separated. */
    static List<CaseMixModel.Cell> cells(long seed, int discharges) {
        Random random = new Random(seed);
        String[] ages = {"16_64", "65_74", "75_84", "85plus"};
        double[] ageEffect = {0, 0.2, 0.45, 0.7};
        String[] groups = {"M:J18", "M:I50", "M:N39", "S:K80", "S:W37"};
        double[] groupEffect = {0, 0.3, -0.2, -0.6, -0.9};
        List<CaseMixModel.Cell> out = new ArrayList<>();
        for (int a = 0; a < ages.length; a++) {
            for (int m = 0; m < 2; m++) {
                for (int g = 0; g < groups.length; g++) {
                    int n = discharges / 2 + random.nextInt(discharges);
                    double p = GroupedLogistic.sigmoid(-2 + ageEffect[a] + (m == 1 ? 0.4 : 0) + groupEffect[g]);
                    int y = 0;
                    for (int i = 0; i < n; i++) {
                        y += random.nextDouble() < p ? 1 : 0;
                    }
                    out.add(new CaseMixModel.Cell(
                            List.of(
                                    ages[a],
                                    m == 1 ? "non_elective" : "elective",
                                    groups[g],
                                    groups[g].substring(0, 1)),
                            y,
                            n));
                }
            }
        }
        return out;
    }

    @Test
    void withoutSeparationTheFitIsUnpenalisedMaximumLikelihood() {
        List<CaseMixModel.Cell> cells = cells(7, 200);
        CaseMixModel model = CaseMixModel.fit(FACTORS, cells);
        CaseMixModel.Summary s = model.summary();
        assertFalse(s.separationDetected(), s.separationReason());
        assertEquals(0.0, s.lambda());
        assertNull(s.cvFolds());
        assertTrue(s.converged());
        // intercept + 3 age + 1 method + 4 group; the specialty (nested in the group) is aliased
        assertEquals(9, s.parameters());
        // In-sample, a maximum-likelihood logistic fit with an intercept is calibrated exactly: sum p = sum y,
        // calibration-in-the-large 0 and slope 1 (the score equations of a and b at a = 0, b = 1).
        double expected = 0;
        double observed = 0;
        for (CaseMixModel.Cell c : cells) {
            expected += c.discharges() * model.probability(c.levels());
            observed += c.events();
        }
        assertEquals(observed, expected, 1e-8);
        assertEquals(0, s.statistics().calibrationInTheLarge(), 1e-9);
        assertEquals(1, s.statistics().calibrationSlope(), 1e-9);
        assertTrue(s.statistics().cStatistic() > 0.55 && s.statistics().cStatistic() < 0.8);
    }

    @Test
    void theOrderOfTheCellsDoesNotChangeABit() {
        List<CaseMixModel.Cell> cells = cells(11, 150);
        // one separated level, so the penalised path with its cross-validation runs too
        cells.add(new CaseMixModel.Cell(List.of("85plus", "elective", "S:Z99", "S"), 0, 300));
        CaseMixModel a = CaseMixModel.fit(FACTORS, cells);
        List<CaseMixModel.Cell> shuffled = new ArrayList<>(cells);
        Collections.shuffle(shuffled, new Random(3));
        CaseMixModel b = CaseMixModel.fit(FACTORS, shuffled);
        assertEquals(a.summary(), b.summary());
        for (CaseMixModel.Cell c : cells) {
            assertEquals(a.probability(c.levels()), b.probability(c.levels()), 0.0);
        }
    }

    /**
     * The constructed separated level of issue #19: a group with 0 readmissions among 500 discharges. Unpenalised its
     * coefficient runs off towards minus infinity (expected counts ~1e-12); the model detects it, chooses a ridge
     * penalty by cross-validation and keeps every probability finite and above the floor.
     */
    @Test
    void aGroupWithNoReadmissionAmong500GetsAFiniteCoefficientAndAProbabilityAboveTheFloor() {
        List<CaseMixModel.Cell> cells = cells(5, 300);
        List<String> separated = List.of("65_74", "non_elective", "M:R69", "M");
        cells.add(new CaseMixModel.Cell(separated, 0, 500));

        CaseMixModel model = CaseMixModel.fit(FACTORS, cells);
        CaseMixModel.Summary s = model.summary();
        assertTrue(s.separationDetected());
        assertEquals(List.of("group=M:R69 (0 of 500)"), s.separatedLevels());
        assertTrue(s.lambda() > 0, "a ridge penalty was chosen");
        assertEquals(CaseMixModel.FOLDS, s.cvFolds());
        assertTrue(Double.isFinite(s.cvLogLoss()));
        assertTrue(s.converged());
        for (CaseMixModel.Coefficient c : model.coefficients()) {
            assertTrue(Double.isNaN(c.value()) || Math.abs(c.value()) < 10, c.toString());
        }
        double p = model.probability(separated);
        assertTrue(p >= model.floor(), p + " >= floor " + model.floor());
        assertTrue(s.minimumProbability() >= model.floor());
        double expected = 500 * p;
        assertTrue(expected > 0.01, "expected count of the separated cell is not ~1e-12: " + expected);
        // Unpenalised, the same data diverge: what the old fit did.
        assertTrue(s.separationReason().contains("M:R69"));
        // The intercept is not penalised: expected events still equal observed ones over the fitted cells.
        double e = 0;
        double o = 0;
        for (CaseMixModel.Cell c : cells) {
            e += c.discharges() * model.probability(c.levels());
            o += c.events();
        }
        assertEquals(o, e, 1e-6);
        assertTrue(s.statistics().calibrationSlope() > 0.9, "shrinkage only moderates the predictions");
    }

    /**
     * Quasi-complete separation no single level shows: every level has events and non-events, but the cell a1 x b1
     * has none and a2 x b2 only events, so the additive model's maximum lies at infinity (beta0 to minus infinity,
     * both effects to plus infinity). The unpenalised fit's divergence gives it away.
     */
    @Test
    void separationByACombinationOfLevelsIsCaughtByTheUnpenalisedFit() {
        List<String> factors = List.of("a", "b");
        List<CaseMixModel.Cell> cells = List.of(
                new CaseMixModel.Cell(List.of("a1", "b1"), 0, 50),
                new CaseMixModel.Cell(List.of("a1", "b2"), 10, 50),
                new CaseMixModel.Cell(List.of("a2", "b1"), 10, 50),
                new CaseMixModel.Cell(List.of("a2", "b2"), 50, 50));
        CaseMixModel model = CaseMixModel.fit(factors, cells);
        CaseMixModel.Summary s = model.summary();
        assertTrue(s.separatedLevels().isEmpty(), "no level on its own is separated");
        assertTrue(s.separationDetected(), "detected from the fit");
        assertTrue(s.separationReason().startsWith("the unpenalised fit"), s.separationReason());
        assertTrue(s.lambda() > 0);
        assertTrue(s.converged());
        assertTrue(model.probability(List.of("a1", "b1")) >= model.floor());
        assertTrue(model.probability(List.of("a2", "b2")) <= 1 - model.floor());
    }

    @Test
    void theFoldsDealEachCellsEventsAndDischargesEvenly() {
        List<CaseMixModel.Cell> cells =
                List.of(new CaseMixModel.Cell(List.of("a"), 7, 23), new CaseMixModel.Cell(List.of("b"), 0, 4));
        double[][][] folds = CaseMixModel.folds(cells);
        for (int i = 0; i < cells.size(); i++) {
            double y = 0;
            double n = 0;
            for (double[] f : folds[i]) {
                y += f[0];
                n += f[1];
                assertTrue(f[0] <= f[1]);
            }
            assertEquals(cells.get(i).events(), y);
            assertEquals(cells.get(i).discharges(), n);
        }
        // 7 events over 5 folds: 1 or 2 each; 16 non-events: 3 or 4 each
        for (double[] f : folds[0]) {
            assertTrue(f[0] == 1 || f[0] == 2);
            assertTrue(f[1] - f[0] == 3 || f[1] - f[0] == 4);
        }
        assertArrayEquals(folds[1][0], CaseMixModel.folds(cells)[1][0]);
    }
}
