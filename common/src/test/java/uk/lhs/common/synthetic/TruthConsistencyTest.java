package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.text.CsvLine;

/**
 * The interventions register (read back as YAML) and the ground-truth files agree with each other and with the
 * organisations, and the injected effects are really in the A&amp;E data (a difference-in-differences recovers the
 * true type 1 effect; the regression-to-the-mean case really starts after bad months).
 */
class TruthConsistencyTest {
    @TempDir
    static Path tmp;

    static Path out;
    static GeneratorOptions opts;
    static List<Map<String, Object>> register;
    static List<Map<String, Object>> programmes;
    static List<List<String>> truth;
    static Map<String, String> trustSystem = new HashMap<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void generate() throws IOException {
        opts = Fixtures.small(10).withSize(42, 24, 10);
        out = tmp.resolve("out");
        SyntheticGenerator.generate(opts, out);
        List<Map<String, Object>> all = new ObjectMapper(new YAMLFactory())
                .readValue(out.resolve("interventions.yaml").toFile(), List.class);
        // Single-start entries here; programmes (a rollout instead of scope and start) in their own test.
        register = all.stream().filter(i -> !i.containsKey("rollout")).toList();
        programmes = all.stream().filter(i -> i.containsKey("rollout")).toList();
        List<String> lines = Fixtures.lines(out.resolve("truth/intervention_effects.csv"));
        assertEquals(SyntheticRegister.TRUTH_HEADER, lines.get(0));
        truth = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            truth.add(CsvLine.split(l));
        }
        List<String> mapping = Fixtures.lines(out.resolve("reference/System-Mapping.csv"));
        for (String l : mapping.subList(1, mapping.size())) {
            List<String> f = CsvLine.split(l);
            trustSystem.put(f.get(0), f.get(2));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void registerIsWellFormed() {
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> i : register) {
            assertTrue(ids.add((String) i.get("id")), "unique id");
            assertTrue(
                    i.keySet()
                            .containsAll(List.of(
                                    "id",
                                    "title",
                                    "scope",
                                    "indicators",
                                    "start",
                                    "implementation_months",
                                    "expected_direction",
                                    "comparators",
                                    "notes")),
                    i.toString());
            Map<String, Object> scope = (Map<String, Object>) i.get("scope");
            assertEquals(1, scope.size(), "scope is trusts or system");
            if (scope.containsKey("trusts")) {
                assertTrue(trustSystem.keySet().containsAll((List<String>) scope.get("trusts")));
            } else {
                assertTrue(trustSystem.containsValue((String) scope.get("system")));
            }
            assertTrue(PlannedIntervention.INDICATORS.containsAll((List<String>) i.get("indicators")));
            YearMonth start = YearMonth.parse((String) i.get("start"));
            assertTrue(
                    start.isAfter(opts.startMonth().plusMonths(3)) && start.isBefore(opts.endMonth()), "pre and post");
            assertTrue(List.of("increase", "decrease").contains(i.get("expected_direction")));
            Object comparators = i.get("comparators");
            assertTrue(
                    comparators.equals("auto")
                            || comparators.equals("same_region")
                            || trustSystem.keySet().containsAll((List<String>) comparators),
                    comparators.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void truthRowsMatchTheRegister() throws IOException {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        register.forEach(i -> byId.put((String) i.get("id"), i));
        Set<String> scenarios = new HashSet<>();
        Set<String> covered = new HashSet<>();
        for (List<String> t : truth) {
            Map<String, Object> i = byId.get(t.get(0));
            assertTrue(i != null, "truth row for an unknown intervention: " + t);
            Map<String, Object> scope = (Map<String, Object>) i.get("scope");
            boolean inScope = scope.containsKey("trusts")
                    ? ((List<String>) scope.get("trusts")).contains(t.get(1))
                    : scope.get("system").equals(trustSystem.get(t.get(1)));
            assertTrue(inScope, "organisation outside the scope: " + t);
            assertTrue(((List<String>) i.get("indicators")).contains(t.get(2)), t.toString());
            assertTrue(PlannedIntervention.SCENARIOS.contains(t.get(4)), t.toString());
            double effect = Double.parseDouble(t.get(3));
            double sign = i.get("expected_direction").equals("increase") ? 1 : -1;
            // A learning site's effect is drawn from N(mu, tau^2): now and then one goes against the intended
            // direction.
            assertTrue(
                    effect * sign >= 0 || t.get(4).equals("learning"),
                    "a true effect never goes against the expected direction: " + t);
            // Units as the catalog's: proportions as fractions, rtt_52wk in pathways, los_mean in days.
            if (t.get(2).equals("rtt_52wk")) {
                assertTrue(effect == 0 || Math.abs(effect) >= 1, "rtt_52wk is a count of pathways: " + t);
            } else {
                assertTrue(t.get(2).equals("los_mean") || Math.abs(effect) < 1, "proportions are fractions: " + t);
            }
            if (t.get(4).equals("null") || t.get(4).equals("rtm") || t.get(4).equals("secular")) {
                assertEquals(0.0, effect, t.toString());
            }
            if (t.get(4).equals("concurrent")) {
                long others = truth.stream()
                        .filter(u -> !u.get(0).equals(t.get(0))
                                && u.get(1).equals(t.get(1))
                                && u.get(2).equals(t.get(2)))
                        .count();
                assertTrue(
                        others > 0, "a concurrent intervention overlaps another on the same org and indicator: " + t);
            }
            scenarios.add(t.get(4));
            covered.add(t.get(0) + "|" + t.get(2));
        }
        assertEquals(new HashSet<>(PlannedIntervention.SCENARIOS), scenarios, "every scenario occurs");
        for (Map<String, Object> i : register) {
            for (String ind : (List<String>) i.get("indicators")) {
                assertTrue(covered.contains(i.get("id") + "|" + ind), "truth for " + i.get("id") + " " + ind);
            }
        }
        List<String> effects = Fixtures.lines(out.resolve("truth/trust_readmission_effects.csv"));
        assertEquals(SpellGenerator.TRUST_EFFECT_HEADER, effects.get(0));
        assertEquals(opts.trusts(), effects.size() - 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLearningCohortSharesATypeAndItsSiteEffectsComeFromTheStatedDistribution() throws IOException {
        List<String> lines = Fixtures.lines(out.resolve("truth/learning.csv"));
        assertEquals(LearningCohort.HEADER, lines.get(0));
        assertEquals(2, lines.size(), "one cohort");
        List<String> row = CsvLine.split(lines.get(1));
        assertEquals(List.of(LearningCohort.TYPE, LearningCohort.INDICATOR, "0.03", "0.015"), row.subList(0, 4));
        List<String> sites = List.of(row.get(5).split(";"));
        assertEquals(Integer.parseInt(row.get(4)), sites.size());
        assertTrue(sites.size() >= LearningCohort.MIN_SITES, row.toString());
        Set<String> typed = new HashSet<>();
        for (Map<String, Object> i : register) {
            if (LearningCohort.TYPE.equals(i.get("type"))) {
                typed.addAll((List<String>) ((Map<String, Object>) i.get("scope")).get("trusts"));
                assertEquals(List.of(LearningCohort.INDICATOR), i.get("indicators"));
            }
        }
        assertEquals(new HashSet<>(sites), typed, "every cohort site has one typed register entry");
        // The true effects (the shift as the indicator sees it) lie within 4 tau of mu: N(mu, tau^2) draws, tiny
        // clamps.
        int n = 0;
        for (List<String> t : truth) {
            if (t.get(4).equals("learning")) {
                n++;
                assertTrue(sites.contains(t.get(1)), t.toString());
                assertTrue(
                        Math.abs(Double.parseDouble(t.get(3)) - LearningCohort.MU) < 4 * LearningCohort.TAU,
                        t.toString());
            }
        }
        assertEquals(sites.size(), n);
    }

    @Test
    void injectedAeEffectsAreInTheData() throws IOException {
        Map<String, double[]> type1 = type1WithinFourHours();
        Set<String> secular = new HashSet<>();
        String rtmTrust = null;
        String effectTrust = null;
        double effect = 0;
        YearMonth effectStart = null;
        YearMonth rtmStart = null;
        for (List<String> t : truth) {
            if (t.get(4).equals("secular")) {
                secular.add(t.get(1));
            }
            if (t.get(0).equals("INT-001") && t.get(2).equals("ae_4hr_type1")) {
                effectTrust = t.get(1);
                effect = Double.parseDouble(t.get(3));
            }
            if (t.get(4).equals("rtm")) {
                rtmTrust = t.get(1);
            }
        }
        for (Map<String, Object> i : register) {
            if (i.get("id").equals("INT-001")) {
                effectStart = YearMonth.parse((String) i.get("start"));
            }
            if (i.get("id").equals("INT-003")) {
                rtmStart = YearMonth.parse((String) i.get("start"));
            }
        }
        // Comparators: trusts outside every A&E intervention and outside the region that moved as a whole.
        Set<String> regionOfSecular = new HashSet<>();
        Organisations orgs = Organisations.build(opts);
        for (String code : secular) {
            regionOfSecular.add(orgs.trust(code).orElseThrow().region().code());
        }
        List<String> comparators = new ArrayList<>();
        for (Organisations.Trust t : orgs.trusts()) {
            if (!regionOfSecular.contains(t.region().code())
                    && !t.code().equals(effectTrust)
                    && !t.code().equals(rtmTrust)
                    && t.closeMonth() == null
                    && t != orgs.merger().successor()
                    && type1.containsKey(t.code())) {
                comparators.add(t.code());
            }
        }
        int s = (int) opts.startMonth().until(effectStart, java.time.temporal.ChronoUnit.MONTHS);
        int ramp = 3;
        double did = mean(type1.get(effectTrust), s + ramp, opts.months())
                - mean(type1.get(effectTrust), 0, s)
                - (meanOver(type1, comparators, s + ramp, opts.months()) - meanOver(type1, comparators, 0, s));
        assertTrue(Math.abs(did - effect) < 0.025, "difference-in-differences " + did + " vs true " + effect);

        int r = (int) opts.startMonth().until(rtmStart, java.time.temporal.ChronoUnit.MONTHS);
        double[] rtm = type1.get(rtmTrust);
        double dip = mean(rtm, r - SyntheticRegister.RTM_MONTHS, r)
                - mean(rtm, 0, r - SyntheticRegister.RTM_MONTHS)
                - (meanOver(type1, comparators, r - SyntheticRegister.RTM_MONTHS, r)
                        - meanOver(type1, comparators, 0, r - SyntheticRegister.RTM_MONTHS));
        assertTrue(dip < SyntheticRegister.RTM_DIP / 2, "the months before the rtm start are unusually bad: " + dip);
        assertFalse(comparators.isEmpty());
    }

    @Test
    void concurrentRttEffectsAddUpInTheData() throws IOException {
        String trust = null;
        double total = 0;
        for (List<String> t : truth) {
            if (t.get(4).equals("concurrent") && t.get(2).equals("rtt_18wk")) {
                trust = t.get(1);
                total += Double.parseDouble(t.get(3));
            }
        }
        YearMonth first = null;
        YearMonth full = null;
        for (Map<String, Object> i : register) {
            List<?> trusts = (List<?>) ((Map<?, ?>) i.get("scope")).get("trusts");
            if (trusts != null && trusts.contains(trust) && ((List<?>) i.get("indicators")).contains("rtt_18wk")) {
                YearMonth start = YearMonth.parse((String) i.get("start"));
                YearMonth done = start.plusMonths(((Number) i.get("implementation_months")).intValue() - 1L);
                first = first == null || start.isBefore(first) ? start : first;
                full = full == null || done.isAfter(full) ? done : full;
            }
        }
        Map<String, double[]> within = new HashMap<>();
        for (int i = 0; i < opts.months(); i++) {
            List<String> lines = Fixtures.lines(out.resolve("rtt/RTT-Incomplete-Provider-" + opts.month(i) + ".csv"));
            for (String l : lines.subList(1, lines.size())) {
                List<String> f = CsvLine.split(l);
                if (f.get(3).equals(RttGenerator.TOTAL_CODE)) {
                    double[] v = within.computeIfAbsent(f.get(1), k -> {
                        double[] a = new double[opts.months()];
                        java.util.Arrays.fill(a, Double.NaN);
                        return a;
                    });
                    v[i] = Double.parseDouble(f.get(111).replace(",", ""))
                            / Double.parseDouble(f.get(110).replace(",", ""));
                }
            }
        }
        Set<String> involved = new HashSet<>();
        truth.forEach(t -> involved.add(t.get(1)));
        Organisations orgs = Organisations.build(opts);
        List<String> comparators = orgs.trusts().stream()
                .filter(t -> !involved.contains(t.code())
                        && t.closeMonth() == null
                        && t != orgs.merger().successor())
                .map(Organisations.Trust::code)
                .toList();
        int s = (int) opts.startMonth().until(first, java.time.temporal.ChronoUnit.MONTHS);
        int f = (int) opts.startMonth().until(full, java.time.temporal.ChronoUnit.MONTHS) + 1;
        double did = mean(within.get(trust), f, opts.months())
                - mean(within.get(trust), 0, s)
                - (meanOver(within, comparators, f, opts.months()) - meanOver(within, comparators, 0, s));
        assertTrue(
                f < opts.months() && Math.abs(did - total) < 0.015,
                "18-week difference-in-differences " + did + " vs the two true effects together " + total);
    }

    /** Type 1 proportion within 4 hours per trust and month index (NaN when absent or malformed). */
    @Test
    @SuppressWarnings("unchecked")
    void programmesHaveStaggeredRolloutsAndTruthByAggregation() throws IOException {
        assertEquals(
                List.of("PRG-001", "PRG-002"),
                programmes.stream().map(p -> p.get("id")).toList());
        Set<String> rolloutTrusts = new HashSet<>();
        Set<String> singleScope = new HashSet<>();
        for (Map<String, Object> i : register) {
            if (((List<String>) i.get("indicators")).contains("rtt_18wk")) {
                singleScope.addAll(
                        (List<String>) ((Map<String, Object>) i.get("scope")).getOrDefault("trusts", List.of()));
            }
        }
        for (Map<String, Object> p : programmes) {
            Set<String> starts = new HashSet<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) p.get("rollout")) {
                String trust = (String) r.get("trust");
                assertTrue(trustSystem.containsKey(trust), trust);
                assertTrue(rolloutTrusts.add(trust), "a trust is in one rollout only: " + trust);
                assertFalse(singleScope.contains(trust), "no other rtt_18wk intervention at a rollout trust");
                YearMonth start = YearMonth.parse((String) r.get("start"));
                assertTrue(start.isAfter(opts.startMonth().plusMonths(2)) && start.isBefore(opts.endMonth()));
                starts.add((String) r.get("start"));
            }
            assertTrue(starts.size() >= 2, "staggered: more than one start month");
        }
        List<String> lines = Fixtures.lines(out.resolve("truth/programme_effects.csv"));
        assertEquals(ProgrammeRollouts.TRUTH_HEADER, lines.get(0));
        Map<String, Double> byCell = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = CsvLine.split(l);
            byCell.put(f.get(0) + "|" + f.get(2) + "|" + f.get(3), Double.parseDouble(f.get(4)));
            if (f.get(5).equals("null")) {
                assertEquals(0.0, Double.parseDouble(f.get(4)), l);
            }
        }
        // PRG-001: effects grow with time since adoption and differ by cohort (earlier cohorts gain more).
        assertTrue(byCell.get("PRG-001|dynamic|e=0") < byCell.get("PRG-001|dynamic|e=6"));
        double first = Double.NaN;
        double last = Double.NaN;
        for (String k : new java.util.TreeSet<>(byCell.keySet())) {
            if (k.startsWith("PRG-001|group|g=")) {
                first = Double.isNaN(first) ? byCell.get(k) : first;
                last = byCell.get(k);
            }
        }
        assertTrue(first > last, "the first cohort's effect exceeds the last's");
        double overall = byCell.get("PRG-001|group|overall");
        assertTrue(overall > 0 && overall < ProgrammeRollouts.COHORT_EFFECTS[0], "overall " + overall);
        assertTrue(byCell.containsKey("PRG-001|simple|overall") && byCell.containsKey("PRG-001|dynamic|overall"));
    }

    private static Map<String, double[]> type1WithinFourHours() throws IOException {
        Map<String, double[]> out2 = new HashMap<>();
        for (int i = 0; i < opts.months(); i++) {
            List<String> lines = Fixtures.lines(out.resolve("ae/Monthly-AE-" + opts.month(i) + ".csv"));
            for (String l : lines.subList(1, lines.size() - 1)) {
                List<String> f = CsvLine.split(l);
                if (!f.get(10).matches("\\d+") || !f.get(1).matches("Z[A-Z0-9]{2}")) {
                    continue;
                }
                double[] v = out2.computeIfAbsent(f.get(1), k -> {
                    double[] a = new double[opts.months()];
                    java.util.Arrays.fill(a, Double.NaN);
                    return a;
                });
                double att = Double.parseDouble(f.get(4)) + Double.parseDouble(f.get(7));
                double over = Double.parseDouble(f.get(10)) + Double.parseDouble(f.get(13));
                v[i] = 1 - over / att;
            }
        }
        return out2;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(v[i])) {
                s += v[i];
                n++;
            }
        }
        return s / n;
    }

    private static double meanOver(Map<String, double[]> data, List<String> codes, int from, int to) {
        return codes.stream()
                .mapToDouble(c -> mean(data.get(c), from, to))
                .average()
                .orElseThrow();
    }
}
