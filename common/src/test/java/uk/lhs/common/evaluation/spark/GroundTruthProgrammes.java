package uk.lhs.common.evaluation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.programme.ProgrammeEvaluator;
import uk.lhs.common.evaluation.programme.ProgrammePanels;
import uk.lhs.common.evaluation.programme.ProgrammeResult;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.register.RegisterYaml;
import uk.lhs.common.evaluation.staggered.StaggeredOptions;
import uk.lhs.common.evaluation.staggered.StaggeredResult;
import uk.lhs.common.evaluation.staggered.StaggeredRow;
import uk.lhs.common.ingest.SilverRows;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.OrgReferenceParser;
import uk.lhs.common.sources.Placement;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteProviderParser;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.vocab.OrgLevel;

/**
 * Evaluates the programmes of one generated data set without Spark and joins every estimate to the generator's truth
 * ({@code truth/programme_effects.csv}). The trusts' rtt_18wk series are computed here straight from the generated
 * files with the project's parsers (within 18 weeks / all incomplete pathways, all-functions rows, summed to the
 * current trust after successor mapping), then evaluated by the same code as the evaluate stage
 * ({@link ProgrammePanels}, {@link ProgrammeEvaluator}).
 */
final class GroundTruthProgrammes {
    private GroundTruthProgrammes() {}

    /**
     * One estimate with its truth.
     *
     * @param programmeId programme
     * @param scenario heterogeneous or null
     * @param aggregation simple, group or dynamic
     * @param cell overall, g=YYYY-MM or e=N
     * @param truth the true value
     * @param row the estimate
     */
    record Estimate(
            String programmeId, String scenario, String aggregation, String cell, double truth, StaggeredRow row) {
        boolean covered() {
            return row.ciLower() <= truth && truth <= row.ciUpper();
        }

        boolean bandCovers() {
            return row.bandLower() <= truth && truth <= row.bandUpper();
        }
    }

    /**
     * One programme's evaluation.
     *
     * @param estimates every simple / group / dynamic (event time >= 0) estimate that has a truth
     * @param changeDetected the attribution is a change in the expected direction
     * @param overallExcludesZero the headline interval excludes 0 (either side)
     * @param twfeFlagged TWFE_HETEROGENEITY raised
     * @param twfeOutsideSimple the TWFE estimate lies outside the simple aggregation's 95% interval
     */
    record Programme(
            String programmeId,
            String scenario,
            ProgrammeResult result,
            List<Estimate> estimates,
            boolean changeDetected,
            boolean overallExcludesZero,
            boolean twfeFlagged,
            boolean twfeOutsideSimple) {}

    /** Evaluates every programme of the data set in {@code dir}. */
    static List<Programme> evaluate(Path dir, StaggeredOptions options) throws IOException {
        Path ref = dir.resolve("reference");
        OrgReference reference = OrgReference.of(
                OrgReferenceParser.parseOdsEtr(RawCsv.read(ref.resolve("ods_etr.csv"))),
                OrgReferenceParser.parseSystemMapping(RawCsv.read(ref.resolve("System-Mapping.csv"))),
                OrgReferenceParser.parseSuccessors(RawCsv.read(ref.resolve("org_successors.csv"))));
        StructType orgSchema = IngestTables.ORGANISATIONS.schema();
        Map<String, List<String>> systemTrusts = new HashMap<>();
        Set<String> changed = new HashSet<>();
        for (Row o : SilverRows.organisations(reference, "synthetic", "gt")) {
            String code = o.getString(orgSchema.fieldIndex("org_code"));
            if (!OrgLevel.TRUST.label().equals(o.getString(orgSchema.fieldIndex("org_level")))) {
                continue;
            }
            String system = o.getString(orgSchema.fieldIndex("system_code"));
            if (system != null) {
                systemTrusts.computeIfAbsent(system, k -> new ArrayList<>()).add(code);
            }
            Date close = (Date) o.get(orgSchema.fieldIndex("close_date"));
            String successor = o.getString(orgSchema.fieldIndex("successor_code"));
            if (close != null || successor != null) {
                changed.add(code);
            }
            if (successor != null) {
                changed.add(successor);
            }
        }
        Map<String, double[]> sums = new TreeMap<>(); // code|month -> {within 18, total}
        for (Path f : list(dir.resolve("rtt"))) {
            for (RttIncompleteProvider r : RttIncompleteProviderParser.parse(f).records()) {
                if (!RttIncompleteProvider.ALL_FUNCTIONS.equals(r.treatmentFunctionCode())) {
                    continue;
                }
                Placement p = SilverRows.place(reference, r.providerCode(), r.periodStart());
                double[] s =
                        sums.computeIfAbsent(p.orgCode() + "|" + YearMonth.from(r.periodStart()), k -> new double[2]);
                s[0] += r.within18Weeks();
                s[1] += r.total();
            }
        }
        Map<String, Map<YearMonth, Double>> series = new TreeMap<>();
        sums.forEach((k, v) -> {
            String[] p = k.split("\\|");
            series.computeIfAbsent(p[0], x -> new TreeMap<>())
                    .put(YearMonth.parse(p[1]), v[1] > 0 ? v[0] / v[1] : null);
        });
        Map<String, Double> truth = new HashMap<>();
        Map<String, String> scenarios = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("truth/programme_effects.csv"));
        for (String line : lines.subList(1, lines.size())) {
            List<String> t = CsvLine.split(line);
            truth.put(t.get(0) + "|" + t.get(2) + "|" + t.get(3), Double.parseDouble(t.get(4)));
            scenarios.put(t.get(0), t.get(5));
        }
        InterventionRegister register =
                RegisterYaml.parse(Files.readString(dir.resolve("interventions.yaml")), "generated");
        List<Programme> out = new ArrayList<>();
        for (Intervention p : register.entries()) {
            if (!p.programme()) {
                continue;
            }
            ProgrammeResult r = ProgrammeEvaluator.evaluate(ProgrammePanels.input(
                    register, systemTrusts, changed, p, "rtt_18wk", series, "proportion", options, Map.of()));
            List<Estimate> estimates = new ArrayList<>();
            StaggeredResult s = r.result();
            if (s == null) {
                throw new AssertionError(p.id() + " could not be evaluated: " + r.reasons());
            }
            for (String agg : List.of(StaggeredResult.SIMPLE, StaggeredResult.GROUP, StaggeredResult.DYNAMIC)) {
                for (StaggeredRow row : s.rows(agg)) {
                    String cell = row.isOverall()
                            ? "overall"
                            : row.group() != null ? "g=" + r.month(row.group()) : "e=" + row.eventTime();
                    Double t = truth.get(p.id() + "|" + agg + "|" + cell);
                    if (row.eventTime() != null && row.eventTime() < 0) {
                        t = 0.0; // before adoption nothing was injected
                    }
                    if (t == null) {
                        throw new AssertionError("no truth for " + p.id() + " " + agg + " " + cell);
                    }
                    estimates.add(new Estimate(p.id(), scenarios.get(p.id()), agg, cell, t, row));
                }
            }
            StaggeredRow head = s.overall(StaggeredResult.GROUP);
            out.add(new Programme(
                    p.id(),
                    scenarios.get(p.id()),
                    r,
                    estimates,
                    r.attribution().changeDetected(),
                    head.ciLower() > 0 || head.ciUpper() < 0,
                    r.caveats().stream()
                            .map(Caveat::code)
                            .anyMatch(c -> c == uk.lhs.common.evaluation.CaveatCode.TWFE_HETEROGENEITY),
                    s.twfe().estimate() < s.overall(StaggeredResult.SIMPLE).ciLower()
                            || s.twfe().estimate()
                                    > s.overall(StaggeredResult.SIMPLE).ciUpper()));
        }
        return out;
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
