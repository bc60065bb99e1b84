package uk.lhs.common.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Seeded synthetic data in the formats of the real NHS England publications ({@code lhs generate}).
 *
 * <p>Steps: 1. build the organisations and the interventions register; 2. choose the injected defects;
 * 3. write {@code reference/}, {@code interventions.yaml} and {@code truth/}; 4. write {@code ae/} and {@code rtt/};
 * 5. stream {@code spells/}; 6. write {@code truth/injected_defects.csv}, the revised vintage when asked
 * ({@link RevisedVintages}) and {@code MANIFEST.csv}.
 * The same options give byte-identical output.
 */
public final class SyntheticGenerator {
    /** Approximately one missing trust-month per this many trust-months, in each of the A&amp;E and RTT series. */
    static final int TRUST_MONTHS_PER_MISSING = 1500;

    private SyntheticGenerator() {}

    /**
     * Generates the data set.
     *
     * @param opts sizes, seed and schema location
     * @param outDir output folder; must not exist or be empty
     * @return files written (with rows, size and SHA-256) and spell counts
     * @throws IllegalArgumentException if {@code outDir} is a non-empty folder
     */
    public static GeneratorSummary generate(GeneratorOptions opts, Path outDir) {
        return generate(opts, outDir, 0);
    }

    /**
     * Generates the data set and a revised vintage of its last {@code reviseMonths} A&amp;E months
     * ({@link RevisedVintages}: {@code revised/ae/} and {@code truth/revisions.csv}).
     *
     * @param reviseMonths months to re-publish, from 0 (none) to the number of months
     */
    public static GeneratorSummary generate(GeneratorOptions opts, Path outDir, int reviseMonths) {
        if (reviseMonths < 0 || reviseMonths > opts.months()) {
            throw new IllegalArgumentException(
                    "--revise-months " + reviseMonths + " must be from 0 to --months (" + opts.months() + ")");
        }
        Schema schema = loadSchema(opts.resolveSpellSchema());
        prepare(outDir);
        Map<String, Long> rows = new TreeMap<>();
        Organisations orgs = Organisations.build(opts);
        SyntheticRegister register = SyntheticRegister.build(opts, orgs);
        Defects chosen = chooseDefects(opts, orgs, register);
        DefectLog log = new DefectLog();

        rows.put("reference/ods_etr.csv", (long)
                ReferenceWriter.writeEtr(orgs, outDir.resolve("reference/ods_etr.csv")));
        rows.put("reference/System-Mapping.csv", (long)
                ReferenceWriter.writeSystemMapping(orgs, outDir.resolve("reference/System-Mapping.csv")));
        rows.put("reference/org_successors.csv", (long)
                ReferenceWriter.writeSuccessors(orgs, outDir.resolve("reference/org_successors.csv")));
        rows.put("interventions.yaml", (long) register.writeYaml(outDir.resolve("interventions.yaml")));
        rows.put("truth/intervention_effects.csv", (long)
                register.writeTruth(outDir.resolve("truth/intervention_effects.csv")));
        rows.put("truth/learning.csv", (long) register.learning().write(outDir.resolve("truth/learning.csv")));
        rows.put("truth/programme_effects.csv", (long)
                register.programmes().writeTruth(outDir.resolve("truth/programme_effects.csv"), register.levers()));

        List<Integer> ae = AeGenerator.write(
                opts,
                orgs,
                register.levers(),
                outDir.resolve("ae"),
                chosen.aeMissing,
                chosen.aeNonNumeric,
                chosen.aeBadCode,
                log);
        List<Integer> rtt = RttGenerator.write(
                opts, orgs, register.levers(), outDir.resolve("rtt"), chosen.rttMissing, chosen.rttNonNumeric, log);
        for (int i = 0; i < opts.months(); i++) {
            YearMonth m = opts.month(i);
            rows.put("ae/Monthly-AE-" + m + ".csv", (long) ae.get(i));
            rows.put("rtt/RTT-Incomplete-Provider-" + m + ".csv", (long) rtt.get(i));
        }

        SpellGenerator spells = new SpellGenerator(opts, orgs, register.levers(), register.equity(), schema);
        rows.put("truth/trust_readmission_effects.csv", (long)
                spells.writeTrustEffects(outDir.resolve("truth/trust_readmission_effects.csv")));
        SpellGenerator.Result result = spells.write(outDir.resolve("spells"));
        long remaining = result.spells();
        for (int part = 0; part < result.parts(); part++) {
            long inPart = Math.min(remaining, opts.spellsPerPart());
            rows.put("spells/" + ParquetSpellWriter.partName(part), inPart);
            remaining -= inPart;
        }
        rows.put("spells/episodes-sample.csv", result.episodeRows());
        rows.put("truth/equity_effects.csv", (long)
                register.equity().writeTruth(outDir.resolve("truth/equity_effects.csv")));
        rows.merge(
                "truth/intervention_effects.csv",
                (long) register.equity().appendOverallTruth(outDir.resolve("truth/intervention_effects.csv")),
                Long::sum);
        rows.put("truth/injected_defects.csv", (long) log.write(outDir.resolve("truth/injected_defects.csv")));
        if (reviseMonths > 0) {
            List<YearMonth> last = new java.util.ArrayList<>();
            for (int i = opts.months() - reviseMonths; i < opts.months(); i++) {
                last.add(opts.month(i));
            }
            rows.putAll(RevisedVintages.write(outDir, last, opts.seed()));
        }

        List<GeneratorSummary.WrittenFile> files = Manifest.describe(outDir, rows);
        Manifest.write(outDir, files);
        return new GeneratorSummary(outDir, files, result.spells(), result.patients(), result.episodeRows());
    }

    /** Parses the Avro schema of a spell. */
    static Schema loadSchema(Path avsc) {
        try {
            return new Schema.Parser().parse(Files.readString(avsc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spell schema " + avsc + ": " + e.getMessage(), e);
        }
    }

    private static void prepare(Path outDir) {
        try {
            if (Files.isDirectory(outDir)) {
                try (Stream<Path> s = Files.list(outDir)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException(
                                "output folder " + outDir + " is not empty; the generator writes a "
                                        + "complete, self-consistent set and will not mix it with older files: choose a new folder or "
                                        + "delete this one");
                    }
                }
            }
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** Trust-month keys ("CODE@YYYY-MM") chosen for each kind of defect. */
    private record Defects(
            Set<String> aeMissing,
            Set<String> aeNonNumeric,
            Set<String> aeBadCode,
            Set<String> rttMissing,
            Set<String> rttNonNumeric) {}

    /**
     * Chooses distinct trust-months for the defects among trusts outside every intervention and the merger, so the
     * defects never blur the intervention ground truth.
     */
    private static Defects chooseDefects(GeneratorOptions opts, Organisations orgs, SyntheticRegister register) {
        SplittableRandom r = Seeds.stream(opts.seed(), "defects", 0);
        List<Organisations.Trust> eligible = new ArrayList<>();
        for (Organisations.Trust t : orgs.trusts()) {
            if (!register.involvedTrusts().contains(t.code())
                    && t != orgs.merger().closing()
                    && t != orgs.merger().successor()) {
                eligible.add(t);
            }
        }
        int missing = Math.max(1, Math.round(opts.trusts() * (float) opts.months() / TRUST_MONTHS_PER_MISSING));
        Set<String> used = new HashSet<>();
        return new Defects(
                pick(r, eligible, opts, missing, used),
                pick(r, eligible, opts, 1, used),
                pick(r, eligible, opts, 1, used),
                pick(r, eligible, opts, missing, used),
                pick(r, eligible, opts, 1, used));
    }

    private static Set<String> pick(
            SplittableRandom r, List<Organisations.Trust> trusts, GeneratorOptions opts, int n, Set<String> used) {
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            Organisations.Trust t = trusts.get(r.nextInt(trusts.size()));
            String key = t.code() + "@" + opts.month(r.nextInt(opts.months()));
            if (used.add(key)) {
                out.add(key);
            }
        }
        return out;
    }
}
