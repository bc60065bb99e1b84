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
import uk.lhs.common.evaluation.staggered.StaggeredOptions;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.testing.SharedData;

/**
 * Ground truth of the staggered (programme) evaluation, without Spark: generates synthetic data sets, evaluates their
 * programmes ({@link GroundTruthProgrammes}) and reports 95% interval coverage of the true effects for the simple,
 * group and dynamic aggregations (cohort rows, event times >= 0 and overall values), how often the null programme is
 * read as a change (attribution) or its overall interval excludes 0, and how often TWFE_HETEROGENEITY is raised on the
 * heterogeneous programme. By default one seed; {@code bench/evaluation-ground-truth.sh} runs many with
 * {@code -Dlhs.groundtruth.seeds=N}. Targets on 10 seeds: coverage >= 90% for each aggregation, false detection <=
 * 10%, TWFE flagged on the heterogeneous programme. The report is also written to
 * {@code target/programme-ground-truth.txt}.
 */
class GroundTruthProgrammesTest {
    private static final int TRUSTS = 90;
    private static final int MONTHS = 36;
    private static final long SPELLS = 200;
    /** Seeds needed before the 90% / 10% targets are asserted (one seed has a handful of overall values). */
    private static final int MIN_SEEDS_FOR_TARGET = 10;

    @Test
    void staggeredEvaluationRecoversTheInjectedEffects(@TempDir Path tmp) throws IOException {
        int seeds = Integer.getInteger("lhs.groundtruth.seeds", 1);
        List<GroundTruthProgrammes.Programme> programmes = new ArrayList<>();
        long started = System.nanoTime();
        for (int s = 0; s < seeds; s++) {
            long seed = GeneratorOptions.DEFAULT_SEED + s;
            Path dir = tmp.resolve("seed-" + seed);
            SyntheticGenerator.generate(
                    GeneratorOptions.defaults()
                            .withSeed(seed)
                            .withSize(TRUSTS, MONTHS, SPELLS)
                            .withSpellFiles(1_000, SharedData.repoRoot().resolve("conf/schemas/spell.avsc")),
                    dir);
            programmes.addAll(GroundTruthProgrammes.evaluate(dir, StaggeredOptions.defaults()));
        }
        List<GroundTruthProgrammes.Estimate> all =
                programmes.stream().flatMap(p -> p.estimates().stream()).toList();
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "programme (staggered DiD) ground truth: %d seed(s), %d trusts, %d months, %.1f s%n",
                seeds,
                TRUSTS,
                MONTHS,
                (System.nanoTime() - started) / 1e9));
        double[] simple = share(all, e -> e.aggregation().equals("simple"), GroundTruthProgrammes.Estimate::covered);
        double[] groupOverall = share(
                all,
                e -> e.aggregation().equals("group") && e.cell().equals("overall"),
                GroundTruthProgrammes.Estimate::covered);
        double[] groupCohorts = share(
                all,
                e -> e.aggregation().equals("group") && !e.cell().equals("overall"),
                GroundTruthProgrammes.Estimate::covered);
        double[] dynamicOverall = share(
                all,
                e -> e.aggregation().equals("dynamic") && e.cell().equals("overall"),
                GroundTruthProgrammes.Estimate::covered);
        Predicate<GroundTruthProgrammes.Estimate> postEvent =
                e -> e.aggregation().equals("dynamic")
                        && !e.cell().equals("overall")
                        && e.row().eventTime() >= 0;
        double[] dynamicEvents = share(all, postEvent, GroundTruthProgrammes.Estimate::covered);
        double[] dynamicBand = share(all, postEvent, GroundTruthProgrammes.Estimate::bandCovers);
        double[] nullDetected = shareP(programmes, p -> p.scenario().equals("null"), p -> p.changeDetected());
        double[] nullExcludes = shareP(programmes, p -> p.scenario().equals("null"), p -> p.overallExcludesZero());
        double[] twfe = shareP(programmes, p -> p.scenario().equals("heterogeneous"), p -> p.twfeFlagged());
        double[] twfeNull = shareP(programmes, p -> p.scenario().equals("null"), p -> p.twfeFlagged());
        double[] twfeOutside =
                shareP(programmes, p -> p.scenario().equals("heterogeneous"), p -> p.twfeOutsideSimple());
        double[] twfeOutsideNull = shareP(programmes, p -> p.scenario().equals("null"), p -> p.twfeOutsideSimple());
        line(report, "simple overall 95% coverage", simple);
        line(report, "group overall 95% coverage", groupOverall);
        line(report, "group by cohort 95% coverage", groupCohorts);
        line(report, "dynamic overall 95% coverage", dynamicOverall);
        line(report, "dynamic e>=0 pointwise coverage", dynamicEvents);
        line(report, "dynamic e>=0 band coverage", dynamicBand);
        line(report, "null: change detected", nullDetected);
        line(report, "null: overall CI excludes 0", nullExcludes);
        line(report, "heterogeneous: TWFE flagged", twfe);
        line(report, "null: TWFE flagged", twfeNull);
        line(report, "heterogeneous: TWFE outside simple CI", twfeOutside);
        line(report, "null: TWFE outside simple CI", twfeOutsideNull);
        for (GroundTruthProgrammes.Programme p : programmes) {
            var s = p.result().result();
            report.append(String.format(
                    Locale.ROOT,
                    "  %s %-13s units %d cohorts %d: group %+.4f [%+.4f,%+.4f] true %+.4f; simple %+.4f [%+.4f,%+.4f];"
                            + " twfe %+.4f [%+.4f,%+.4f];"
                            + " pre-test p %.3f; %s%n",
                    p.programmeId(),
                    p.scenario(),
                    s.units(),
                    s.cohorts(),
                    s.overall("group").estimate(),
                    s.overall("group").ciLower(),
                    s.overall("group").ciUpper(),
                    p.estimates().stream()
                            .filter(e ->
                                    e.aggregation().equals("group") && e.cell().equals("overall"))
                            .findFirst()
                            .orElseThrow()
                            .truth(),
                    s.overall("simple").estimate(),
                    s.overall("simple").ciLower(),
                    s.overall("simple").ciUpper(),
                    s.twfe().estimate(),
                    s.twfe().ciLower(),
                    s.twfe().ciUpper(),
                    s.preTest().pValue(),
                    p.result().attribution().label()));
        }
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "programme-ground-truth.txt"), report);

        assertTrue(groupOverall[1] > 0 && nullDetected[1] > 0 && twfe[1] > 0, "both programmes present:\n" + report);
        // One seed gives one overall value per programme: the targets are asserted on the benchmark's many seeds; a
        // small run must still cover most cohort and event-time values.
        if (seeds >= MIN_SEEDS_FOR_TARGET) {
            for (double[] c : List.of(simple, groupOverall, groupCohorts, dynamicOverall, dynamicEvents)) {
                assertTrue(c[0] / c[1] >= 0.9, "coverage below 90%:\n" + report);
            }
            assertTrue(nullDetected[0] / nullDetected[1] <= 0.1, "false detection above 10%:\n" + report);
            assertTrue(twfe[0] / twfe[1] >= 0.9, "TWFE not flagged where effects vary:\n" + report);
        } else {
            assertTrue(groupCohorts[0] / groupCohorts[1] >= 0.5, "cohort coverage:\n" + report);
            assertTrue(dynamicEvents[0] / dynamicEvents[1] >= 0.5, "event-time coverage:\n" + report);
        }
    }

    private static double[] share(
            List<GroundTruthProgrammes.Estimate> xs,
            Predicate<GroundTruthProgrammes.Estimate> which,
            Predicate<GroundTruthProgrammes.Estimate> hit) {
        double n = 0;
        double h = 0;
        for (GroundTruthProgrammes.Estimate x : xs) {
            if (which.test(x)) {
                n++;
                h += hit.test(x) ? 1 : 0;
            }
        }
        return new double[] {h, n};
    }

    private static double[] shareP(
            List<GroundTruthProgrammes.Programme> xs,
            Predicate<GroundTruthProgrammes.Programme> which,
            Predicate<GroundTruthProgrammes.Programme> hit) {
        double n = 0;
        double h = 0;
        for (GroundTruthProgrammes.Programme x : xs) {
            if (which.test(x)) {
                n++;
                h += hit.test(x) ? 1 : 0;
            }
        }
        return new double[] {h, n};
    }

    private static void line(StringBuilder sb, String label, double[] s) {
        sb.append(String.format(
                Locale.ROOT,
                "%-34s %4.0f/%-4.0f = %s%n",
                label,
                s[0],
                s[1],
                s[1] == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * s[0] / s[1])));
    }
}
