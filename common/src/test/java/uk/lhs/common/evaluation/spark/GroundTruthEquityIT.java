package uk.lhs.common.evaluation.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;

/**
 * Equity ground truth: generates synthetic data sets, evaluates the equity of every readmit_30d and los_mean
 * intervention ({@link GroundTruthEquity}) and measures the 95% interval coverage of the true effect on the Q1 − Q5
 * gap, on the SII and in each quintile. By default one seed on a small data set (a smoke run: every truth row has an
 * evaluation, most gaps are covered); {@code bench/evaluation-ground-truth.sh} runs 10 seeds with
 * {@code -Dlhs.groundtruth.seeds=10 -Dlhs.groundtruth.spells=N}, where the Done-when target (gap coverage >= 90%) is
 * asserted. Report: {@code target/equity-ground-truth.txt}.
 */
class GroundTruthEquityIT {
    private static final int TRUSTS = 30;
    private static final int MONTHS = 36;
    /** Gap cases needed before the 90% target is asserted. */
    private static final int MIN_CASES_FOR_TARGET = 30;

    @Test
    void equityIntervalsCoverTheTrueGapEffect(@TempDir Path tmp) throws IOException {
        int seeds = Integer.getInteger("lhs.groundtruth.seeds", 1);
        long spells = Long.getLong("lhs.groundtruth.spells", 40_000L);
        List<GroundTruthEquity.Case> cases = new ArrayList<>();
        long started = System.nanoTime();
        for (int s = 0; s < seeds; s++) {
            long seed = GeneratorOptions.DEFAULT_SEED + s;
            Path dir = tmp.resolve("seed-" + seed);
            SyntheticGenerator.generate(
                    GeneratorOptions.defaults()
                            .withSeed(seed)
                            .withSize(TRUSTS, MONTHS, spells)
                            .withSpellFiles(200_000, SharedData.repoRoot().resolve("conf/schemas/spell.avsc")),
                    dir);
            cases.addAll(GroundTruthEquity.evaluate(SharedSpark.session(), dir));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Predicate<GroundTruthEquity.Case> gap = c -> c.subgroup().equals("gap_q1_q5");
        Predicate<GroundTruthEquity.Case> fitted = c -> c.ci() != null;
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "equity ground truth: %d seed(s), %d trusts, %d months, %d spells, %.0f s%n",
                seeds,
                TRUSTS,
                MONTHS,
                spells,
                seconds));
        double[] gapCov = share(cases, gap.and(fitted), GroundTruthEquity.Case::covered);
        line(report, "gap Q1-Q5 95% coverage (fitted)", gapCov);
        line(report, "gap Q1-Q5 not fitted", share(cases, gap, fitted.negate()));
        line(
                report,
                "gap coverage, INT-011 (Q1 effect)",
                share(cases, gap.and(fitted).and(c -> c.id().equals("INT-011")), GroundTruthEquity.Case::covered));
        line(
                report,
                "SII 95% coverage (fitted)",
                share(cases, fitted.and(c -> c.subgroup().equals("sii")), GroundTruthEquity.Case::covered));
        line(
                report,
                "quintile 95% coverage (fitted)",
                share(cases, fitted.and(c -> c.subgroup().startsWith("imd_q")), GroundTruthEquity.Case::covered));
        line(report, "gap rows with SMALL_SUBGROUP", share(cases, gap, GroundTruthEquity.Case::small));
        for (GroundTruthEquity.Case c : cases) {
            if (c.subgroup().equals("gap_q1_q5") || c.subgroup().equals("sii") || c.id().equals("INT-011")) {
                report.append(String.format(
                        Locale.ROOT,
                        "  %s %-6s %s %-11s %-9s true %+.4f est %s ci %s%s%s%n",
                        c.id(),
                        c.level(),
                        c.org(),
                        c.indicator(),
                        c.subgroup(),
                        c.trueEffect(),
                        c.estimate() == null ? "-" : String.format(Locale.ROOT, "%+.4f", c.estimate()),
                        c.ci() == null ? "-" : String.format(Locale.ROOT, "[%+.4f,%+.4f]", c.ci()[0], c.ci()[1]),
                        c.covered() ? "" : " MISS",
                        c.small() ? " small" : ""));
            }
        }
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "equity-ground-truth.txt"), report);
        assertTrue(cases.stream().anyMatch(c -> c.id().equals("INT-011")), "the equity intervention is generated");
        assertTrue(gapCov[1] > 0, "some gap was fitted:\n" + report);
        double target = gapCov[1] >= MIN_CASES_FOR_TARGET ? 0.9 : 0.5;
        assertTrue(gapCov[0] / gapCov[1] >= target, "gap coverage below " + target + ":\n" + report);
    }

    /** {hits, cases} among the cases matching {@code which}. */
    private static double[] share(
            List<GroundTruthEquity.Case> cases,
            Predicate<GroundTruthEquity.Case> which,
            Predicate<GroundTruthEquity.Case> hit) {
        double n = 0;
        double h = 0;
        for (GroundTruthEquity.Case c : cases) {
            if (which.test(c)) {
                n++;
                h += hit.test(c) ? 1 : 0;
            }
        }
        return new double[] {h, n};
    }

    private static void line(StringBuilder sb, String label, double[] s) {
        sb.append(String.format(
                Locale.ROOT,
                "%-36s %3.0f/%-3.0f = %s%n",
                label,
                s[0],
                s[1],
                s[1] == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * s[0] / s[1])));
    }
}
