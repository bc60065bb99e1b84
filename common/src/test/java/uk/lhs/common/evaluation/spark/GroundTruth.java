package uk.lhs.common.evaluation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.evaluation.EvaluationOptions;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.register.RegisterValidator;
import uk.lhs.common.evaluation.register.RegisterYaml;
import uk.lhs.common.ingest.SilverRows;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.OrgReferenceParser;
import uk.lhs.common.sources.Placement;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.aemonthly.AeMonthlyProviderParser;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteProviderParser;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.vocab.England;
import uk.lhs.common.vocab.Unmapped;

/**
 * Runs the evaluation transform on one generated data set and joins the result to the generator's ground truth
 * ({@code truth/intervention_effects.csv}). Because gold.indicator_values is built by another stage, the indicator
 * series are computed here straight from the generated files with the project's parsers:
 * ae_4hr_all = 1 − Σ over-4h (all types incl. booked) / Σ attendances (all incl. booked); ae_4hr_type1 likewise for
 * type 1 (incl. booked type 1); rtt_18wk = within 18 weeks / all incomplete pathways; rtt_52wk = pathways waiting
 * 52+ weeks, a count as in the catalog (all-functions rows). Counts are summed to trust (after successor mapping),
 * system, region and England.
 */
final class GroundTruth {
    private GroundTruth() {}

    /** Indicators computed here, with their improvement direction. */
    static final Map<String, String> INDICATORS = Map.of(
            "ae_4hr_all", "increase", "ae_4hr_type1", "increase", "rtt_18wk", "increase", "rtt_52wk", "decrease");

    /** Count indicators (value = numerator), as the catalog defines them. */
    static final Set<String> COUNTS = Set.of("rtt_52wk");

    /**
     * One truth case with what the evaluation said.
     *
     * @param scenario effect, null, rtm, concurrent or secular
     * @param trueEffect injected level shift
     * @param its ITS {lower, upper}
     * @param did DiD {lower, upper} (null when not run)
     * @param sc synthetic control {lower, upper} (null when not run)
     * @param attribution summary attribution label
     * @param caveats caveat codes on the summary row
     */
    record Case(
            String id,
            String org,
            String indicator,
            String scenario,
            double trueEffect,
            double[] its,
            double[] did,
            double[] sc,
            String attribution,
            Set<String> caveats) {
        static boolean covers(double[] ci, double v) {
            return ci != null && ci[0] <= v && v <= ci[1];
        }
    }

    /** Evaluates the generated data set in {@code dir} and returns one case per truth row of a computed indicator. */
    static List<Case> evaluate(SparkSession spark, Path dir) throws IOException {
        Path ref = dir.resolve("reference");
        OrgReference reference = OrgReference.of(
                OrgReferenceParser.parseOdsEtr(RawCsv.read(ref.resolve("ods_etr.csv"))),
                OrgReferenceParser.parseSystemMapping(RawCsv.read(ref.resolve("System-Mapping.csv"))),
                OrgReferenceParser.parseSuccessors(RawCsv.read(ref.resolve("org_successors.csv"))));
        Dataset<Row> orgs = spark.createDataFrame(
                SilverRows.organisations(reference, "synthetic", "gt"), IngestTables.ORGANISATIONS.schema());
        Map<String, double[]> sums = new TreeMap<>(); // level|code|month|indicator -> {numerator, denominator}
        for (Path f : list(dir.resolve("ae"))) {
            for (AeProviderMonth r : AeMonthlyProviderParser.parse(f).records()) {
                if (r.isTotal()) {
                    continue;
                }
                long attAll = r.attType1()
                        + r.attType2()
                        + r.attOther()
                        + r.attBookedType1()
                        + r.attBookedType2()
                        + r.attBookedOther();
                long overAll = r.over4hType1()
                        + r.over4hType2()
                        + r.over4hOther()
                        + r.over4hBookedType1()
                        + r.over4hBookedType2()
                        + r.over4hBookedOther();
                long att1 = r.attType1() + r.attBookedType1();
                long over1 = r.over4hType1() + r.over4hBookedType1();
                add(sums, reference, r.orgCode(), r.periodStart(), "ae_4hr_all", attAll - overAll, attAll);
                add(sums, reference, r.orgCode(), r.periodStart(), "ae_4hr_type1", att1 - over1, att1);
            }
        }
        for (Path f : list(dir.resolve("rtt"))) {
            for (RttIncompleteProvider r : RttIncompleteProviderParser.parse(f).records()) {
                if (!RttIncompleteProvider.ALL_FUNCTIONS.equals(r.treatmentFunctionCode())) {
                    continue;
                }
                add(sums, reference, r.providerCode(), r.periodStart(), "rtt_18wk", r.within18Weeks(), r.total());
                add(sums, reference, r.providerCode(), r.periodStart(), "rtt_52wk", r.total52Plus(), r.total());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            String[] k = e.getKey().split("\\|");
            if (e.getValue()[1] > 0) {
                rows.add(
                        COUNTS.contains(k[3])
                                ? IndicatorValuesFixture.count(
                                        k[0],
                                        k[1],
                                        LocalDate.parse(k[2]),
                                        k[3],
                                        e.getValue()[0],
                                        "pathways",
                                        INDICATORS.get(k[3]))
                                : IndicatorValuesFixture.proportion(
                                        k[0],
                                        k[1],
                                        LocalDate.parse(k[2]),
                                        k[3],
                                        e.getValue()[0],
                                        e.getValue()[1],
                                        INDICATORS.get(k[3])));
            }
        }
        Dataset<Row> values =
                spark.createDataFrame(rows, IndicatorValuesFixture.SCHEMA).cache();

        InterventionRegister full =
                RegisterYaml.parse(Files.readString(dir.resolve("interventions.yaml")), "generated");
        List<Intervention> kept = new ArrayList<>();
        for (Intervention i : full.entries()) {
            List<String> inds =
                    i.indicators().stream().filter(INDICATORS::containsKey).toList();
            if (!inds.isEmpty()) {
                kept.add(new Intervention(
                        i.id(),
                        i.title(),
                        i.scopeTrusts(),
                        i.scopeSystem(),
                        inds,
                        i.start(),
                        i.implementationMonths(),
                        i.expectedDirection(),
                        i.comparatorMode(),
                        i.comparatorCodes(),
                        i.notes(),
                        i.rollout()));
            }
        }
        InterventionRegister register = new InterventionRegister(kept, "generated");
        RegisterValidator.requireValid(register, EvaluationTransform.coverage(values, orgs));
        List<Row> effects = EvaluationTransform.effects(values, orgs, register, EvaluationOptions.defaults(), "gt")
                .filter("org_level = 'trust'")
                .collectAsList();
        Map<String, Map<String, Row>> byUnit = new HashMap<>();
        for (Row r : effects) {
            byUnit.computeIfAbsent(
                            r.getAs("intervention_id") + "|" + r.getAs("org_code") + "|" + r.getAs("indicator_id"),
                            x -> new HashMap<>())
                    .put(r.getAs("method"), r);
        }
        List<Case> cases = new ArrayList<>();
        List<String> truth = Files.readAllLines(dir.resolve("truth/intervention_effects.csv"));
        for (String line : truth.subList(1, truth.size())) {
            List<String> t = CsvLine.split(line);
            if (!INDICATORS.containsKey(t.get(2))) {
                continue;
            }
            Map<String, Row> m = byUnit.get(t.get(0) + "|" + t.get(1) + "|" + t.get(2));
            if (m == null) {
                throw new AssertionError("no evaluation for truth row " + line);
            }
            Row s = m.get("summary");
            Set<String> caveats = new java.util.TreeSet<>();
            for (Row c : s.<Row>getList(s.fieldIndex("caveats"))) {
                caveats.add(c.getString(0));
            }
            cases.add(new Case(
                    t.get(0),
                    t.get(1),
                    t.get(2),
                    t.get(4),
                    Double.parseDouble(t.get(3)),
                    ci(m.get("its")),
                    ci(m.get("did")),
                    ci(m.get("synthetic_control")),
                    s.getAs("attribution"),
                    caveats));
        }
        values.unpersist();
        return cases;
    }

    private static double[] ci(Row r) {
        Object lo = r.getAs("ci_lower");
        Object hi = r.getAs("ci_upper");
        return lo == null || hi == null ? null : new double[] {(Double) lo, (Double) hi};
    }

    private static void add(
            Map<String, double[]> sums,
            OrgReference ref,
            String code,
            LocalDate month,
            String indicator,
            double numerator,
            double denominator) {
        Placement p = SilverRows.place(ref, code, month);
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("trust", p.orgCode());
        if (!Unmapped.CODE.equals(p.systemCode())) {
            levels.put("system", p.systemCode());
        }
        if (!Unmapped.CODE.equals(p.regionCode())) {
            levels.put("region", p.regionCode());
        }
        levels.put("england", England.CODE);
        for (Map.Entry<String, String> l : levels.entrySet()) {
            double[] s = sums.computeIfAbsent(
                    l.getKey() + "|" + l.getValue() + "|" + month + "|" + indicator, k -> new double[2]);
            s[0] += numerator;
            s[1] += denominator;
        }
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
