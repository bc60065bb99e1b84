package uk.lhs.common.evaluation.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link MetaAnalysis} against published worked examples: the BCG vaccine trials (Colditz et al. 1994, JAMA
 * 271:698–702) as analysed in Viechtbauer (2010), J Stat Softw 36(3), and dataset 1 of Borenstein, Hedges, Higgins
 * &amp; Rothstein (2009), <i>Introduction to Meta-Analysis</i>, ch. 14. Effect sizes are computed here from the
 * published 2×2 counts and group summaries, not copied.
 */
class MetaAnalysisTest {
    /** Published values are rounded to 4 decimals: agree to within half a unit of the 4th. */
    private static final double FOUR_DP = 0.5e-4;

    /** The 13 BCG trials: vaccinated TB+, TB−, control TB+, TB− (Colditz et al. 1994; metafor's dat.bcg). */
    static final int[][] BCG = {
        {4, 119, 11, 128},
        {6, 300, 29, 274},
        {3, 228, 11, 209},
        {62, 13536, 248, 12619},
        {33, 5036, 47, 5761},
        {180, 1361, 372, 1079},
        {8, 2537, 10, 619},
        {505, 87886, 499, 87892},
        {29, 7470, 45, 7232},
        {17, 1699, 65, 1600},
        {186, 50448, 141, 27197},
        {5, 2493, 3, 2338},
        {27, 16886, 29, 17825}
    };

    /** Log risk ratio and its large-sample standard error (e.g. Borenstein et al. 2009 eq. 5.1–5.4). */
    static double[][] bcgLogRiskRatios() {
        double[] yi = new double[BCG.length];
        double[] se = new double[BCG.length];
        for (int i = 0; i < BCG.length; i++) {
            double a = BCG[i][0];
            double b = BCG[i][1];
            double c = BCG[i][2];
            double d = BCG[i][3];
            yi[i] = Math.log((a / (a + b)) / (c / (c + d)));
            se[i] = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
        }
        return new double[][] {yi, se};
    }

    private static void assertRounded(double published, double actual, String what) {
        assertEquals(published, actual, FOUR_DP, what);
    }

    @Test
    void bcgRemlMatchesViechtbauer2010() {
        double[][] d = bcgLogRiskRatios();
        MetaResult r = MetaAnalysis.pool(d[0], d[1], MetaOptions.reml());
        // Viechtbauer (2010) §3.3: estimate -0.7145, se 0.1798, CI -1.0669 to -0.3622, tau^2 0.3132,
        // I^2 92.22%, Q(df = 12) = 152.2330.
        assertEquals(MetaMethod.REML, r.method());
        assertFalse(r.fellBack());
        assertEquals(13, r.k());
        assertRounded(-0.7145, r.estimate(), "estimate");
        assertRounded(0.1798, r.se(), "se");
        assertRounded(-1.0669, r.ciLower(), "ci lower");
        assertRounded(-0.3622, r.ciUpper(), "ci upper");
        assertRounded(0.3132, r.tau2(), "tau2");
        assertEquals(92.22, r.i2(), 0.005, "I2");
        assertRounded(152.2330, r.q(), "Q");
        assertEquals(12, r.qDf());
        assertTrue(r.qP() < 1e-4 && r.qP() > 0, "Q p-value " + r.qP());
        assertTrue(r.iterations() > 0);
        assertFalse(r.hartungKnapp());
    }

    @Test
    void bcgDerSimonianLairdAndOtherEstimatorsMatchMetafor() {
        double[][] d = bcgLogRiskRatios();
        // metafor's documentation of rma(method="DL") on dat.bcg: tau^2 0.3088, estimate -0.7141, se 0.1787;
        // CI and I^2 as printed by metafor 3.8.1.
        MetaResult dl = MetaAnalysis.pool(d[0], d[1], MetaOptions.of(MetaMethod.DL));
        assertEquals(MetaMethod.DL, dl.method());
        assertRounded(0.3088, dl.tau2(), "DL tau2");
        assertRounded(-0.7141, dl.estimate(), "DL estimate");
        assertRounded(0.1787, dl.se(), "DL se");
        assertRounded(-1.0644, dl.ciLower(), "DL ci lower");
        assertRounded(-0.3638, dl.ciUpper(), "DL ci upper");
        assertRounded(92.1173, dl.i2(), "DL I2");
        // For DL, metafor's I^2 = 100 tau2/(tau2 + s2) equals Higgins & Thompson's 100 (Q - df)/Q.
        assertEquals(100 * (dl.q() - 12) / dl.q(), dl.i2(), 1e-9);
        assertEquals(0, dl.iterations());

        // Fixed effect (metafor 3.8.1, method="FE"): -0.4303, se 0.0405, I^2 from Q.
        MetaResult fe = MetaAnalysis.pool(d[0], d[1], MetaOptions.of(MetaMethod.FE));
        assertRounded(-0.4303, fe.estimate(), "FE estimate");
        assertRounded(0.0405, fe.se(), "FE se");
        assertRounded(-0.5097, fe.ciLower(), "FE ci lower");
        assertEquals(0, fe.tau2());
        assertRounded(92.1173, fe.i2(), "FE I2");

        // Paule-Mandel (metafor 3.8.1, method="PM"): tau2 0.3181, estimate -0.7150, se 0.1809.
        MetaResult pm = MetaAnalysis.pool(d[0], d[1], MetaOptions.of(MetaMethod.PM));
        assertRounded(0.3181, pm.tau2(), "PM tau2");
        assertRounded(-0.7150, pm.estimate(), "PM estimate");
        assertRounded(0.1809, pm.se(), "PM se");
        assertEquals(12, MetaAnalysis.generalisedQ(d[0], squares(d[1]), pm.tau2()), 1e-8, "PM solves Q* = k - 1");
    }

    @Test
    void bcgHartungKnappMatchesMetaforKnha() {
        double[][] d = bcgLogRiskRatios();
        MetaResult r = MetaAnalysis.pool(d[0], d[1], new MetaOptions(MetaMethod.REML, true));
        // metafor 3.8.1, rma(yi, vi, test="knha"): se 0.1808, CI -1.1084 to -0.3206 (t with 12 df).
        assertTrue(r.hartungKnapp());
        assertRounded(-0.7145, r.estimate(), "estimate unchanged");
        assertRounded(0.1808, r.se(), "HK se");
        assertRounded(-1.1084, r.ciLower(), "HK ci lower");
        assertRounded(-0.3206, r.ciUpper(), "HK ci upper");
        assertRounded(0.3132, r.tau2(), "tau2 unchanged");
    }

    @Test
    void predictionIntervalUsesTWithKMinusTwoDf() {
        double[][] d = bcgLogRiskRatios();
        MetaResult r = MetaAnalysis.pool(d[0], d[1], MetaOptions.reml());
        // Higgins, Thompson & Spiegelhalter (2009): mu +- t_{k-2} sqrt(tau2 + se^2); t_{11, 0.975} = 2.2010 (tables).
        double half = 2.200985 * Math.sqrt(r.tau2() + r.se() * r.se());
        assertEquals(r.estimate() - half, r.piLower(), 1e-5);
        assertEquals(r.estimate() + half, r.piUpper(), 1e-5);
        // Wider than metafor's normal-quantile interval (-1.8667, 0.4376).
        assertTrue(r.piLower() < -1.8667 && r.piUpper() > 0.4376);
    }

    /**
     * Borenstein et al. (2009) ch. 14, dataset 1: six studies of a continuous outcome (means, SDs, group sizes), the
     * effect size Hedges' g = J·d (ch. 4, eq. 4.18–4.23). Published: fixed effect M = 0.4150, SE 0.0643; Q = 11.9138,
     * T² = 0.0372, I² = 58.03%; random effects (method of moments) M* = 0.3585, SE 0.1055, 95% CI 0.1518 to 0.5652.
     * These are reproduced to 4 decimals with the large-sample variance of g, 1/n₁ + 1/n₂ + g²/(2(n₁ + n₂)) (Hedges
     * &amp; Olkin 1985, eq. 5.15; metafor's escalc(vtype="LS")); J²·V<sub>d</sub> (eq. 4.24) moves M to 0.4143.
     */
    @Test
    void borensteinDataset1HedgesG() {
        double[][] groups = {
            // treated mean, SD, n; control mean, SD, n
            {94, 22, 60, 92, 20, 60}, // Carroll
            {98, 21, 65, 92, 22, 65}, // Grant
            {98, 28, 40, 88, 26, 40}, // Peck
            {94, 19, 200, 82, 17, 200}, // Donat
            {98, 21, 50, 88, 22, 45}, // Stewart
            {96, 21, 85, 92, 22, 85} // Young
        };
        double[] g = new double[groups.length];
        double[] se = new double[groups.length];
        for (int i = 0; i < groups.length; i++) {
            double[] s = groups[i];
            double n1 = s[2];
            double n2 = s[5];
            double sWithin = Math.sqrt(((n1 - 1) * s[1] * s[1] + (n2 - 1) * s[4] * s[4]) / (n1 + n2 - 2));
            double dd = (s[0] - s[3]) / sWithin;
            double j = 1 - 3 / (4 * (n1 + n2 - 2) - 1);
            g[i] = j * dd;
            se[i] = Math.sqrt((n1 + n2) / (n1 * n2) + g[i] * g[i] / (2 * (n1 + n2)));
        }
        assertRounded(0.0945, g[0], "Carroll g");
        assertRounded(0.6644, g[3], "Donat g");

        MetaResult fe = MetaAnalysis.pool(g, se, MetaOptions.of(MetaMethod.FE));
        assertRounded(0.4150, fe.estimate(), "M");
        assertRounded(0.0643, fe.se(), "SE(M)");
        assertRounded(11.9138, fe.q(), "Q");
        assertEquals(5, fe.qDf());

        MetaResult re = MetaAnalysis.pool(g, se, MetaOptions.of(MetaMethod.DL));
        assertRounded(0.0372, re.tau2(), "T2");
        assertEquals(58.03, re.i2(), 0.005, "I2");
        assertRounded(0.3585, re.estimate(), "M*");
        assertRounded(0.1055, re.se(), "SE(M*)");
        assertRounded(0.1518, re.ciLower(), "LL");
        assertRounded(0.5652, re.ciUpper(), "UL");
        // Q's p-value: chi-square with 5 df, upper tail at 11.9138 is 0.0360 (tables).
        assertEquals(0.0360, re.qP(), 0.5e-4);
    }

    @Test
    void oneEstimateIsItselfWithNoHeterogeneityAndNoPredictionInterval() {
        for (MetaMethod m : MetaMethod.values()) {
            MetaResult r = MetaAnalysis.pool(new double[] {0.5}, new double[] {0.2}, new MetaOptions(m, true));
            assertEquals(m, r.method());
            assertEquals(1, r.k());
            assertEquals(0.5, r.estimate());
            assertEquals(0.2, r.se());
            assertEquals(0.5 - MetaAnalysis.Z975 * 0.2, r.ciLower(), 1e-12);
            assertFalse(r.hartungKnapp(), "Hartung-Knapp needs k >= 2");
            assertEquals(0, r.tau2());
            assertEquals(0, r.i2());
            assertEquals(0, r.q());
            assertEquals(0, r.qDf());
            assertEquals(1, r.qP());
            assertTrue(Double.isNaN(r.piLower()) && Double.isNaN(r.piUpper()));
        }
    }

    @Test
    void twoEstimatesPoolButHaveNoPredictionInterval() {
        double[] y = {0.1, 0.9};
        double[] se = {0.1, 0.2};
        MetaResult fe = MetaAnalysis.pool(y, se, MetaOptions.of(MetaMethod.FE));
        // Inverse-variance by hand: w = 100 and 25.
        assertEquals((100 * 0.1 + 25 * 0.9) / 125, fe.estimate(), 1e-12);
        assertEquals(Math.sqrt(1.0 / 125), fe.se(), 1e-12);
        double q = 100 * Math.pow(0.1 - fe.estimate(), 2) + 25 * Math.pow(0.9 - fe.estimate(), 2);
        assertEquals(q, fe.q(), 1e-12);
        MetaResult dl = MetaAnalysis.pool(y, se, MetaOptions.of(MetaMethod.DL));
        assertEquals(Math.max(0, (q - 1) / (125 - (100 * 100 + 25 * 25) / 125.0)), dl.tau2(), 1e-12);
        MetaResult reml = MetaAnalysis.pool(y, se, new MetaOptions(MetaMethod.REML, true));
        assertFalse(reml.fellBack());
        assertTrue(reml.tau2() > 0);
        // HK with k = 2: t with 1 df (12.7062).
        assertEquals(12.706205, (reml.ciUpper() - reml.estimate()) / reml.se(), 1e-5);
        assertTrue(Double.isNaN(reml.piLower()));
    }

    @Test
    void homogeneousEstimatesGiveZeroTau2AndTheFixedEffectResult() {
        // Q = 0.5 < df = 3: every random-effects estimator truncates tau2 at 0.
        double[] y = {0.20, 0.25, 0.22, 0.18};
        double[] se = {0.1, 0.12, 0.15, 0.1};
        MetaResult fe = MetaAnalysis.pool(y, se, MetaOptions.of(MetaMethod.FE));
        assertTrue(fe.q() < 3, "Q " + fe.q());
        for (MetaMethod m : new MetaMethod[] {MetaMethod.DL, MetaMethod.REML, MetaMethod.PM}) {
            MetaResult r = MetaAnalysis.pool(y, se, MetaOptions.of(m));
            assertEquals(m, r.method());
            assertEquals(0, r.tau2(), 1e-12, m.code());
            assertEquals(0, r.i2(), 1e-9, m.code());
            assertEquals(fe.estimate(), r.estimate(), 1e-12, m.code());
            assertEquals(fe.se(), r.se(), 1e-12, m.code());
        }
        assertEquals(0, fe.i2(), "FE I2 truncated at 0");
    }

    @Test
    void identicalEstimatesHaveNoSpreadEvenWithHartungKnapp() {
        double[] y = {0.3, 0.3, 0.3};
        double[] se = {0.1, 0.2, 0.3};
        MetaResult r = MetaAnalysis.pool(y, se, new MetaOptions(MetaMethod.REML, true));
        assertFalse(r.fellBack());
        assertEquals(0.3, r.estimate(), 1e-12);
        assertEquals(0, r.q(), 1e-20);
        assertEquals(1, r.qP(), 1e-12);
        assertEquals(0, r.tau2());
        assertEquals(0, r.i2());
        // The HK variance is the weighted spread of the estimates: zero here, so is the interval's width.
        assertEquals(0, r.se(), 1e-15);
        assertEquals(0.3, r.ciLower(), 1e-12);
        assertEquals(0.3, r.piLower(), 1e-12);
    }

    @Test
    void remlThatDoesNotConvergeFallsBackToDerSimonianLaird() {
        double[][] d = bcgLogRiskRatios();
        MetaResult r = MetaAnalysis.pool(d[0], d[1], MetaOptions.reml(), 2);
        assertTrue(r.fellBack());
        assertEquals(MetaMethod.DL, r.method());
        assertEquals(2, r.iterations());
        MetaResult dl = MetaAnalysis.pool(d[0], d[1], MetaOptions.of(MetaMethod.DL));
        assertEquals(dl.tau2(), r.tau2());
        assertEquals(dl.estimate(), r.estimate());
    }

    @Test
    void resultsDoNotDependOnTheScaleOrOrderOfTheInput() {
        double[][] d = bcgLogRiskRatios();
        MetaResult r = MetaAnalysis.pool(d[0], d[1], MetaOptions.reml());
        double c = 1e-3;
        double[] y = Arrays.stream(d[0]).map(x -> x * c).toArray();
        double[] se = Arrays.stream(d[1]).map(x -> x * c).toArray();
        MetaResult scaled = MetaAnalysis.pool(y, se, MetaOptions.reml());
        assertEquals(r.tau2() * c * c, scaled.tau2(), 1e-9 * c * c);
        assertEquals(r.estimate() * c, scaled.estimate(), 1e-9 * c);
        assertEquals(r.i2(), scaled.i2(), 1e-6);
        double[] ry = new double[y.length];
        double[] rse = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            ry[i] = d[0][y.length - 1 - i];
            rse[i] = d[1][y.length - 1 - i];
        }
        assertEquals(
                r.estimate(), MetaAnalysis.pool(ry, rse, MetaOptions.reml()).estimate(), 1e-12);
    }

    @Test
    void weightsArePercentagesOfTheRandomEffectsWeights() {
        double[] w = MetaAnalysis.weightsPercent(new double[] {0.1, 0.2}, 0.01);
        // 1/(0.01+0.01) = 50 and 1/(0.04+0.01) = 20.
        assertEquals(100 * 50 / 70.0, w[0], 1e-12);
        assertEquals(100 * 20 / 70.0, w[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MetaAnalysis.weightsPercent(new double[] {0.1}, -1));
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        MetaOptions o = MetaOptions.reml();
        assertMessage("at least one estimate", () -> MetaAnalysis.pool(new double[0], new double[0], o));
        assertMessage(
                "one standard error per estimate, got 2 estimates and 1",
                () -> MetaAnalysis.pool(new double[] {1, 2}, new double[] {1}, o));
        assertMessage(
                "standard error 2 of 2 is 0.0", () -> MetaAnalysis.pool(new double[] {1, 2}, new double[] {1, 0}, o));
        assertMessage("standard error 1 of 1 is -1.0", () -> MetaAnalysis.pool(new double[] {1}, new double[] {-1}, o));
        assertMessage(
                "standard error 1 of 1 is Infinity",
                () -> MetaAnalysis.pool(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}, o));
        assertMessage(
                "standard error 1 of 1 is NaN",
                () -> MetaAnalysis.pool(new double[] {1}, new double[] {Double.NaN}, o));
        assertMessage(
                "estimate 1 of 1 is NaN", () -> MetaAnalysis.pool(new double[] {Double.NaN}, new double[] {1}, o));
        assertMessage("use one of fe, dl, reml, pm", () -> MetaMethod.fromCode("bayes"));
        assertEquals(MetaMethod.REML, MetaMethod.fromCode(" REML "));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static double[] squares(double[] se) {
        return Arrays.stream(se).map(s -> s * s).toArray();
    }
}
