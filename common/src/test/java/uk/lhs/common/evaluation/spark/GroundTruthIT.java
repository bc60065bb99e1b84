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
 * Ground truth: generates a synthetic data set, evaluates its register and compares with the injected effects.
 * Figures: 95% interval coverage of the true effect by ITS and by the controlled methods (DiD, synthetic control) on
 * the clean cases (scenarios effect and null); the rate of "change detected" on null interventions; the share of
 * rtm / concurrent / secular cases flagged with REGRESSION_TO_MEAN / CONCURRENT_INTERVENTION / SECULAR_TREND.
 *
 * <p>By default one seed (42) on a small data set; the benchmark {@code bench/evaluation-ground-truth.sh} runs many
 * seeds with {@code -Dlhs.groundtruth.seeds=N}. Targets: coverage >= 90%, false detection <= 10%, induced caveats
 * flagged >= 90%. The report is also written to {@code target/evaluation-ground-truth.txt}.
 */
class GroundTruthIT {
    /** Trusts generated: enough for the register's scenarios to find distinct trusts. */
    private static final int TRUSTS = 30;

    private static final int MONTHS = 36;
    private static final long SPELLS = 500;
    /** Clean cases needed before the 90% coverage target is asserted (the benchmark's many seeds). */
    private static final int MIN_CASES_FOR_TARGET = 20;

    @Test
    void evaluationRecoversTheInjectedEffectsAndFlagsTheTraps(@TempDir Path tmp) throws IOException {
        int seeds = Integer.getInteger("lhs.groundtruth.seeds", 1);
        List<GroundTruth.Case> cases = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            long seed = GeneratorOptions.DEFAULT_SEED + s;
            Path dir = tmp.resolve("seed-" + seed);
            SyntheticGenerator.generate(
                    GeneratorOptions.defaults()
                            .withSeed(seed)
                            .withSize(TRUSTS, MONTHS, SPELLS)
                            .withSpellFiles(1_000, SharedData.repoRoot().resolve("conf/schemas/spell.avsc")),
                    dir);
            cases.addAll(GroundTruth.evaluate(SharedSpark.session(), dir));
        }
        Predicate<GroundTruth.Case> clean =
                c -> c.scenario().equals("effect") || c.scenario().equals("null");
        double[] itsCov = share(cases, clean, c -> GroundTruth.Case.covers(c.its(), c.trueEffect()));
        double[] didCov =
                share(cases, clean.and(c -> c.did() != null), c -> GroundTruth.Case.covers(c.did(), c.trueEffect()));
        double[] scCov =
                share(cases, clean.and(c -> c.sc() != null), c -> GroundTruth.Case.covers(c.sc(), c.trueEffect()));
        double[] falseDetect = share(cases, c -> c.scenario().equals("null"), c -> detected(c.attribution()));
        double[] rtm =
                share(cases, c -> c.scenario().equals("rtm"), c -> c.caveats().contains("REGRESSION_TO_MEAN"));
        double[] concurrent = share(
                cases, c -> c.scenario().equals("concurrent"), c -> c.caveats().contains("CONCURRENT_INTERVENTION"));
        double[] secular = share(
                cases, c -> c.scenario().equals("secular"), c -> c.caveats().contains("SECULAR_TREND"));
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT, "evaluation ground truth: %d seed(s), %d trusts, %d months%n", seeds, TRUSTS, MONTHS));
        line(report, "ITS 95% coverage (effect+null)", itsCov);
        line(report, "DiD 95% coverage (effect+null)", didCov);
        line(report, "synthetic control 95% coverage", scCov);
        line(report, "change detected on null", falseDetect);
        line(report, "rtm flagged REGRESSION_TO_MEAN", rtm);
        line(report, "concurrent flagged CONCURRENT", concurrent);
        line(report, "secular flagged SECULAR_TREND", secular);
        for (GroundTruth.Case c : cases) {
            report.append(String.format(
                    Locale.ROOT,
                    "  %s %s %-12s %-10s true %+.4f its %s did %s sc %s %s %s%n",
                    c.id(),
                    c.org(),
                    c.indicator(),
                    c.scenario(),
                    c.trueEffect(),
                    fmt(c.its()),
                    fmt(c.did()),
                    fmt(c.sc()),
                    c.attribution(),
                    c.caveats()));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "evaluation-ground-truth.txt"), report);

        assertTrue(
                itsCov[1] > 0 && didCov[1] > 0 && falseDetect[1] > 0 && rtm[1] > 0 && concurrent[1] > 0,
                "every scenario is present:\n" + report);
        // With one seed there are only a handful of clean cases, so one narrow miss moves coverage by 25 points: the
        // 90% target is asserted once the benchmark supplies enough cases; a small run must still cover most of them.
        double target = itsCov[1] >= MIN_CASES_FOR_TARGET ? 0.9 : 0.5;
        assertTrue(itsCov[0] / itsCov[1] >= target, "ITS coverage below " + target + ":\n" + report);
        assertTrue(didCov[0] / didCov[1] >= target, "DiD coverage below " + target + ":\n" + report);
        assertTrue(falseDetect[0] / falseDetect[1] <= 0.1, "too many changes detected on null:\n" + report);
        assertTrue(rtm[0] / rtm[1] >= 0.9, "regression to the mean not flagged:\n" + report);
        assertTrue(concurrent[0] / concurrent[1] >= 0.9, "concurrent interventions not flagged:\n" + report);
    }

    private static boolean detected(String attribution) {
        return attribution.startsWith("change_");
    }

    /** {hits, cases} among the cases matching {@code which}. */
    private static double[] share(
            List<GroundTruth.Case> cases, Predicate<GroundTruth.Case> which, Predicate<GroundTruth.Case> hit) {
        double n = 0;
        double h = 0;
        for (GroundTruth.Case c : cases) {
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
                "%-34s %3.0f/%-3.0f = %s%n",
                label,
                s[0],
                s[1],
                s[1] == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * s[0] / s[1])));
    }

    private static String fmt(double[] ci) {
        return ci == null ? "-" : String.format(Locale.ROOT, "[%+.4f,%+.4f]", ci[0], ci[1]);
    }
}
