package uk.lhs.common.evaluation.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.evaluation.EvaluationInput;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.EvaluationResult;
import uk.lhs.common.evaluation.InterventionEvaluator;
import uk.lhs.common.evaluation.Method;
import uk.lhs.common.evaluation.MethodResult;
import uk.lhs.common.evaluation.MonthlyValue;
import uk.lhs.common.evaluation.meta.MetaMethod;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.meta.MetaResult;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.register.RegisterYaml;
import uk.lhs.common.ingest.SilverRows;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.OrgReferenceParser;
import uk.lhs.common.sources.Placement;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteProviderParser;
import uk.lhs.common.synthetic.GeneratorOptions;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * Ground truth of gold.learning, without Spark: generates data sets whose register has a learning cohort (several
 * trusts of one intervention type with site effects theta_i ~ N(mu, tau^2), {@code truth/learning.csv}), computes the
 * cohort's indicator (rtt_18wk = within 18 weeks / all incomplete pathways, all-functions rows, summed to the current
 * trust after successor mapping) straight from the generated RTT files, evaluates each site with the pure
 * {@link InterventionEvaluator} exactly as the stage's {@code EvaluateUnit} does (auto comparators: every other trust
 * with data and no intervention on the indicator; England minus the site as the wider series), pools the sites with
 * {@link Learning} and checks: (1) the pooled 95% interval covers mu; (2) the 95% prediction interval covers each
 * site's true effect ({@code truth/intervention_effects.csv}); (3) the probability that it covers a new site's
 * effect, N(mu, tau^2), computed exactly from the known mu and tau. The in-sample site effects are covered more
 * often than a new site's (the pooled estimate is pulled towards them, and the interval uses t with k - 2 df): (3) is
 * the rate the interval's nominal 95% refers to (Higgins, Thompson &amp; Spiegelhalter 2009, J R Stat Soc A
 * 172:137-159).
 *
 * <p>One seed (42) by default; {@code bench/learning-ground-truth.sh} runs 20 with {@code -Dlhs.learning.seeds=20}.
 * Targets with 20 seeds: interval coverage of mu &gt;= 90% for REML (the default) and the prediction interval's
 * expected coverage of a new site within two standard errors (over seeds) of 95%. The report goes to
 * {@code target/learning-ground-truth.txt}.
 */
class LearningGroundTruthIT {
    /** Trusts: enough for the register's other scenarios and a full cohort of 9 sites. */
    private static final int TRUSTS = Integer.getInteger("lhs.learning.trusts", 42);

    private static final int MONTHS = Integer.getInteger("lhs.learning.months", 36);
    private static final long SPELLS = 200;
    /** Seeds from which the 90% coverage target is asserted. */
    private static final int SEEDS_FOR_TARGET = 20;

    private static final List<String> METHODS = Learning.METHODS;

    /** Pooling options reported: the default first. */
    private static final Map<String, MetaOptions> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("reml", MetaOptions.reml());
        OPTIONS.put("reml+hk", new MetaOptions(MetaMethod.REML, true));
        OPTIONS.put("dl", MetaOptions.of(MetaMethod.DL));
    }

    @Test
    void pooledIntervalsCoverTheCommonEffectAndPredictionIntervalsTheSiteEffects(@TempDir Path tmp) throws IOException {
        int seeds = Integer.getInteger("lhs.learning.seeds", 1);
        long firstSeed = Long.getLong("lhs.learning.first-seed", GeneratorOptions.DEFAULT_SEED);
        // [option][method] -> {hits, cases} for mu; [method] -> {hits, cases} for the site effects (default option)
        Map<String, double[]> muCover = new TreeMap<>();
        Map<String, double[]> piCover = new TreeMap<>();
        // [method] -> {sum, sum of squares, seeds} of the probability that a NEW site's effect, N(mu, tau^2), falls
        // in the prediction interval: exact given the known mu and tau, so no new site needs to be drawn.
        Map<String, double[]> newSite = new TreeMap<>();
        StringBuilder detail = new StringBuilder();
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            Path dir = tmp.resolve("seed-" + seed);
            SyntheticGenerator.generate(
                    GeneratorOptions.defaults()
                            .withSeed(seed)
                            .withSize(TRUSTS, MONTHS, SPELLS)
                            .withSpellFiles(1_000, SharedData.repoRoot().resolve("conf/schemas/spell.avsc")),
                    dir);
            Cohort cohort = Cohort.read(dir);
            List<SiteEffect> sites = evaluate(dir, cohort);
            for (Map.Entry<String, MetaOptions> o : OPTIONS.entrySet()) {
                for (PooledEffect p : Learning.pool(sites, o.getValue(), Map.of())) {
                    MetaResult r = p.result();
                    String key = o.getKey() + " " + p.method();
                    tally(muCover, key, r.ciLower() <= cohort.mu && cohort.mu <= r.ciUpper());
                    if (o.getKey().equals("reml")) {
                        double covered = NORMAL.cumulativeProbability((r.piUpper() - cohort.mu) / cohort.tau)
                                - NORMAL.cumulativeProbability((r.piLower() - cohort.mu) / cohort.tau);
                        double[] n = newSite.computeIfAbsent(p.method(), x -> new double[3]);
                        n[0] += covered;
                        n[1] += covered * covered;
                        n[2]++;
                        for (SiteEffect e : p.sites()) {
                            double truth = cohort.truth.get(e.orgCode());
                            tally(piCover, p.method(), r.piLower() <= truth && truth <= r.piUpper());
                        }
                        detail.append(String.format(
                                Locale.ROOT,
                                "  seed %d %-17s k=%d est %+.4f [%+.4f,%+.4f] tau2 %.6f I2 %3.0f%% pi [%+.4f,%+.4f]"
                                        + " mean true %+.4f %s%n",
                                seed,
                                p.method(),
                                r.k(),
                                r.estimate(),
                                r.ciLower(),
                                r.ciUpper(),
                                r.tau2(),
                                r.i2(),
                                r.piLower(),
                                r.piUpper(),
                                cohort.truth.values().stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .orElse(Double.NaN),
                                p.caveats().stream().map(c -> c.code().name()).toList()));
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "learning ground truth: %d seed(s), %d trusts, %d months, cohort %s on %s, mu %.3f tau %.3f%n",
                seeds,
                TRUSTS,
                MONTHS,
                Cohort.TYPE,
                Cohort.INDICATOR,
                0.03,
                0.015));
        muCover.forEach((k, v) -> line(report, "95% CI covers mu: " + k, v));
        piCover.forEach((k, v) -> line(report, "95% PI covers site effects (reml): " + k, v));
        newSite.forEach((k, v) -> report.append(String.format(
                Locale.ROOT,
                "%-58s %.1f%% (SE %.1f%% over seeds)%n",
                "95% PI covers a new site, expected (reml): " + k,
                100 * v[0] / v[2],
                100 * newSiteSe(v))));
        report.append(detail);
        System.out.print(report);
        Files.writeString(Path.of("target", "learning-ground-truth.txt"), report);

        for (String m : METHODS) {
            assertTrue(muCover.containsKey("reml " + m), "every method pooled:\n" + report);
            double[] mu = muCover.get("reml " + m);
            assertEquals(seeds, mu[1], "one pooled row per seed:\n" + report);
            double[] pi = piCover.get(m);
            if (seeds >= SEEDS_FOR_TARGET) {
                assertTrue(mu[0] / mu[1] >= 0.9, "REML " + m + " coverage of mu below 90%:\n" + report);
                // A new site's effect: nominal 95%, within two standard errors (over seeds) of it.
                double[] n = newSite.get(m);
                assertTrue(
                        Math.abs(n[0] / n[2] - 0.95) <= 2 * newSiteSe(n),
                        m + " prediction interval's coverage of a new site off its nominal 95%:\n" + report);
            } else {
                // One seed: the default seed's intervals cover mu and most site effects.
                assertEquals(mu[1], mu[0], "REML " + m + " interval misses mu:\n" + report);
                assertTrue(pi[0] / pi[1] >= 0.75, m + " prediction interval misses most sites:\n" + report);
            }
        }
    }

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /** Standard error of the mean coverage over seeds, {sum, sum of squares, n}. */
    private static double newSiteSe(double[] v) {
        double mean = v[0] / v[2];
        double var = v[2] > 1 ? (v[1] - v[2] * mean * mean) / (v[2] - 1) : 0;
        return Math.sqrt(Math.max(var, 0) / v[2]);
    }

    /** The generated cohort: mu, tau, sites and each site's true effect. */
    private record Cohort(double mu, double tau, List<String> sites, Map<String, Double> truth) {
        static final String TYPE = "validation_of_waiting_lists";
        static final String INDICATOR = "rtt_18wk";

        static Cohort read(Path dir) throws IOException {
            List<String> l = Files.readAllLines(dir.resolve("truth/learning.csv"));
            assertEquals("intervention_type,indicator_id,mu,tau,k,sites", l.get(0));
            List<String> f = CsvLine.split(l.get(1));
            assertEquals(List.of(TYPE, INDICATOR), f.subList(0, 2));
            List<String> sites = List.of(f.get(5).split(";"));
            Map<String, Double> truth = new HashMap<>();
            List<String> t = Files.readAllLines(dir.resolve("truth/intervention_effects.csv"));
            for (String line : t.subList(1, t.size())) {
                List<String> c = CsvLine.split(line);
                if (c.get(4).equals("learning")) {
                    truth.put(c.get(1), Double.parseDouble(c.get(3)));
                }
            }
            assertEquals(new HashSet<>(sites), truth.keySet());
            return new Cohort(Double.parseDouble(f.get(2)), Double.parseDouble(f.get(3)), sites, truth);
        }
    }

    /** Evaluates every cohort site (ITS, DiD, synthetic control) as the stage would. */
    private static List<SiteEffect> evaluate(Path dir, Cohort cohort) throws IOException {
        Path ref = dir.resolve("reference");
        OrgReference reference = OrgReference.of(
                OrgReferenceParser.parseOdsEtr(RawCsv.read(ref.resolve("ods_etr.csv"))),
                OrgReferenceParser.parseSystemMapping(RawCsv.read(ref.resolve("System-Mapping.csv"))),
                OrgReferenceParser.parseSuccessors(RawCsv.read(ref.resolve("org_successors.csv"))));
        Map<String, Map<LocalDate, double[]>> trusts = new TreeMap<>();
        Map<LocalDate, double[]> england = new TreeMap<>();
        for (Path f : list(dir.resolve("rtt"))) {
            for (RttIncompleteProvider r : RttIncompleteProviderParser.parse(f).records()) {
                if (!RttIncompleteProvider.ALL_FUNCTIONS.equals(r.treatmentFunctionCode())) {
                    continue;
                }
                Placement p = SilverRows.place(reference, r.providerCode(), r.periodStart());
                add(trusts.computeIfAbsent(p.orgCode(), k -> new TreeMap<>()), r);
                add(england, r);
            }
        }
        InterventionRegister register =
                RegisterYaml.parse(Files.readString(dir.resolve("interventions.yaml")), "generated");
        Set<String> exposed = new HashSet<>();
        for (Intervention i : register.entries()) {
            if (i.indicators().contains(Cohort.INDICATOR)) {
                exposed.addAll(i.scopeTrusts());
            }
        }
        List<SiteEffect> out = new ArrayList<>();
        for (Intervention i : register.entries()) {
            if (!Cohort.TYPE.equals(i.type())) {
                continue;
            }
            String site = i.scopeTrusts().get(0);
            Map<String, List<MonthlyValue>> comparators = new TreeMap<>();
            trusts.forEach((code, series) -> {
                if (!exposed.contains(code)) {
                    comparators.put(code, values(series, null));
                }
            });
            EvaluationResult result = InterventionEvaluator.evaluate(new EvaluationInput(
                    values(trusts.get(site), null),
                    comparators,
                    values(england, trusts.get(site)),
                    i.startDate(),
                    i.implementationMonths(),
                    ImprovementDirection.INCREASE,
                    ImprovementDirection.INCREASE,
                    List.of(),
                    false,
                    EvaluationOptions.defaults()));
            for (Method m : List.of(Method.ITS, Method.DID, Method.SYNTHETIC_CONTROL)) {
                MethodResult r = result.row(m);
                if (!r.available()) {
                    continue;
                }
                out.add(new SiteEffect(
                        i.type(),
                        i.id(),
                        Cohort.INDICATOR,
                        m.label(),
                        site,
                        null,
                        r.estimate(),
                        r.ciLower(),
                        r.ciUpper(),
                        SiteEffect.standardError(r.details().get("se"), r.ciLower(), r.ciUpper()),
                        i.startDate(),
                        result.evidence().panel().codes()));
            }
        }
        assertEquals(cohort.sites().size() * 3, out.size(), "every site evaluated by every method");
        return out;
    }

    private static void add(Map<LocalDate, double[]> sums, RttIncompleteProvider r) {
        double[] s = sums.computeIfAbsent(r.periodStart(), k -> new double[2]);
        s[0] += r.within18Weeks();
        s[1] += r.total();
    }

    /** Monthly proportions, with {@code minus}'s counts taken out month by month when given. */
    private static List<MonthlyValue> values(Map<LocalDate, double[]> sums, Map<LocalDate, double[]> minus) {
        List<MonthlyValue> out = new ArrayList<>();
        sums.forEach((month, s) -> {
            double[] m = minus == null ? null : minus.get(month);
            double n = s[0] - (m == null ? 0 : m[0]);
            double d = s[1] - (m == null ? 0 : m[1]);
            if (d > 0) {
                out.add(new MonthlyValue(month, n / d, n, d));
            }
        });
        return out;
    }

    private static void tally(Map<String, double[]> m, String key, boolean hit) {
        double[] v = m.computeIfAbsent(key, k -> new double[2]);
        v[0] += hit ? 1 : 0;
        v[1]++;
    }

    private static void line(StringBuilder sb, String label, double[] s) {
        sb.append(String.format(Locale.ROOT, "%-58s %3.0f/%-3.0f = %.0f%%%n", label, s[0], s[1], 100 * s[0] / s[1]));
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
