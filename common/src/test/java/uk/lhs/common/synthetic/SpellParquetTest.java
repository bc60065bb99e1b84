package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.text.CsvLine;

/**
 * The spell Parquet files carry exactly {@code conf/schemas/spell.avsc}, hold valid HES-like values, readmit about
 * 10–15% of the discharges the NHS OF 3b specification counts (with a deprivation gradient), and the episode sample
 * links back to its spells.
 */
class SpellParquetTest {
    private static final long SPELLS = 40_000;

    @TempDir
    static Path tmp;

    static Path out;
    static GeneratorOptions opts;
    static Schema avsc;
    static final List<GenericRecord> ROWS = new ArrayList<>();

    @BeforeAll
    static void generate() throws IOException {
        opts = Fixtures.small(SPELLS)
                .withSpellFiles(15_000, SharedData.repoRoot().resolve("conf/schemas/spell.avsc"));
        out = tmp.resolve("out");
        GeneratorSummary s = SyntheticGenerator.generate(opts, out);
        assertEquals(SPELLS, s.spells());
        avsc = SyntheticGenerator.loadSchema(SharedData.repoRoot().resolve("conf/schemas/spell.avsc"));
        Configuration conf = new Configuration(false);
        for (int part = 0; part < 3; part++) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(
                    out.resolve("spells/" + ParquetSpellWriter.partName(part)).toUri());
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, conf))) {
                Map<String, String> meta = r.getFooter().getFileMetaData().getKeyValueMetaData();
                assertEquals(
                        avsc, new Schema.Parser().parse(meta.get("parquet.avro.schema")), "Avro schema in the footer");
                assertEquals(
                        new AvroSchemaConverter(conf).convert(avsc),
                        r.getFooter().getFileMetaData().getSchema());
            }
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                            HadoopInputFile.fromPath(p, conf))
                    .withConf(conf)
                    .build()) {
                for (GenericRecord g = reader.read(); g != null; g = reader.read()) {
                    ROWS.add(g);
                }
            }
        }
    }

    @Test
    void everySpellIsValid() {
        assertEquals(SPELLS, ROWS.size());
        LocalDate first = opts.startMonth().atDay(1);
        LocalDate last = opts.endMonth().atEndOfMonth();
        Set<String> trusts = new HashSet<>();
        for (Organisations.Trust t : Organisations.build(opts).trusts()) {
            trusts.add(t.code());
        }
        for (int i = 0; i < ROWS.size(); i++) {
            GenericRecord g = ROWS.get(i);
            assertEquals((long) i, g.get("SPELL_ID"));
            LocalDate admit = LocalDate.ofEpochDay((Integer) g.get("ADMIDATE"));
            LocalDate discharge = LocalDate.ofEpochDay((Integer) g.get("DISDATE"));
            assertTrue(!admit.isBefore(first) && !discharge.isAfter(last) && !discharge.isBefore(admit), g.toString());
            assertEquals(discharge.toEpochDay() - admit.toEpochDay(), (long) (Integer) g.get("SPELDUR"));
            int age = (Integer) g.get("STARTAGE");
            assertTrue((age >= 1 && age <= 120) || (age >= 7001 && age <= 7007), g.toString());
            assertTrue(Set.of("1", "2").contains(g.get("SEX").toString()));
            int imd = (Integer) g.get("IMD_DECILE");
            assertTrue(imd >= 1 && imd <= 10);
            assertTrue(trusts.contains(g.get("PROCODE3").toString()));
            assertEquals(SpellGenerator.financialYear(discharge), g.get("FYEAR").toString());
            String classpat = g.get("CLASSPAT").toString();
            assertTrue(!classpat.equals("2") || admit.equals(discharge), "day cases leave the same day");
        }
    }

    /**
     * Readmission rate by the specification's rules (simplified to what the generator produces): denominator =
     * ordinary (CLASSPAT 1) spells discharged alive (DISMETH 1/3) with EPITYPE 1 and no cancer, chemotherapy,
     * maternity or mental-health code, at least 30 days before the end of the data; numerator = those followed by an
     * emergency admission (ADMIMETH 2x) of the same patient 0–29 days after discharge that is itself not excluded.
     */
    @Test
    void readmissionRateIsRealisticWithADeprivationGradient() throws IOException {
        LocalDate cutoff = opts.endMonth().atEndOfMonth().minusDays(30);
        Map<String, List<GenericRecord>> byPatient = new HashMap<>();
        for (GenericRecord g : ROWS) {
            byPatient
                    .computeIfAbsent(g.get("PSEUDO_HESID").toString(), k -> new ArrayList<>())
                    .add(g);
        }
        long[] n = new long[11];
        long[] o = new long[11];
        Map<String, long[]> byTrust = new HashMap<>();
        for (List<GenericRecord> spells : byPatient.values()) {
            spells.sort((a, b) -> Integer.compare((Integer) a.get("ADMIDATE"), (Integer) b.get("ADMIDATE")));
            for (int i = 0; i < spells.size(); i++) {
                GenericRecord g = spells.get(i);
                LocalDate discharge = LocalDate.ofEpochDay((Integer) g.get("DISDATE"));
                if (!eligible(g) || discharge.isAfter(cutoff)) {
                    continue;
                }
                int imd = (Integer) g.get("IMD_DECILE");
                n[imd]++;
                long[] trust = byTrust.computeIfAbsent(g.get("PROCODE3").toString(), k -> new long[2]);
                trust[0]++;
                if (i + 1 < spells.size()) {
                    GenericRecord next = spells.get(i + 1);
                    long gap = (Integer) next.get("ADMIDATE") - discharge.toEpochDay();
                    if (gap >= 0
                            && gap <= 29
                            && next.get("ADMIMETH").toString().startsWith("2")
                            && !excludedCodes(next)) {
                        o[imd]++;
                        trust[1]++;
                    }
                }
            }
        }
        long denominator = 0;
        long numerator = 0;
        for (int d = 1; d <= 10; d++) {
            denominator += n[d];
            numerator += o[d];
        }
        double rate = numerator / (double) denominator;
        assertTrue(denominator > 10_000, "eligible discharges " + denominator);
        assertTrue(rate >= 0.10 && rate <= 0.15, "30-day emergency readmission rate " + rate);
        double deprived = (o[1] + o[2] + o[3]) / (double) (n[1] + n[2] + n[3]);
        double affluent = (o[8] + o[9] + o[10]) / (double) (n[8] + n[9] + n[10]);
        assertTrue(deprived > affluent + 0.01, "deprivation gradient: " + deprived + " vs " + affluent);

        // Case-mix does not depend on the trust here, so crude rates must rank with the true trust effects.
        List<String> effects = Fixtures.lines(out.resolve("truth/trust_readmission_effects.csv"));
        List<double[]> pairs = new ArrayList<>();
        for (String l : effects.subList(1, effects.size())) {
            List<String> f = CsvLine.split(l);
            long[] t = byTrust.get(f.get(0));
            if (t != null && t[0] >= 1_000) {
                pairs.add(new double[] {Double.parseDouble(f.get(1)), t[1] / (double) t[0]});
            }
        }
        assertTrue(pairs.size() >= 10, "trusts with enough discharges: " + pairs.size());
        double r = pearson(pairs);
        assertTrue(r > 0.5, "correlation of crude readmission rate with the true trust effect: " + r);
    }

    private static double pearson(List<double[]> xy) {
        double mx = xy.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = xy.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : xy) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void excludedCaseMixIsPresent() {
        long dayCases = ROWS.stream()
                .filter(g -> g.get("CLASSPAT").toString().equals("2"))
                .count();
        long deaths = ROWS.stream()
                .filter(g -> g.get("DISMETH").toString().equals("4"))
                .count();
        long maternity = ROWS.stream()
                .filter(g -> g.get("TRETSPEF").toString().equals("501"))
                .count();
        long cancer = ROWS.stream()
                .filter(g -> g.get("DIAG_4_CONCAT").toString().matches("(.*,)?C.*"))
                .count();
        long surgical = ROWS.stream().filter(g -> g.get("OPERTN_4_01") != null).count();
        long infants =
                ROWS.stream().filter(g -> (Integer) g.get("STARTAGE") >= 7001).count();
        for (long c : new long[] {dayCases, deaths, maternity, cancer, surgical, infants}) {
            assertTrue(c > 0, "every exclusion and case-mix group occurs");
        }
        assertTrue(dayCases > ROWS.size() / 10, "day cases are common");
    }

    @Test
    void episodeSampleLinksToItsSpells() throws IOException {
        List<String> lines = Fixtures.lines(out.resolve("spells/episodes-sample.csv"));
        assertEquals(SpellGenerator.EPISODE_HEADER, lines.get(0));
        Map<Long, List<List<String>>> bySpell = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = CsvLine.split(l);
            bySpell.computeIfAbsent(Long.parseLong(f.get(1)), k -> new ArrayList<>())
                    .add(f);
        }
        assertEquals(SpellGenerator.EPISODE_SAMPLE_SPELLS, bySpell.size());
        boolean multi = false;
        for (Map.Entry<Long, List<List<String>>> e : bySpell.entrySet()) {
            GenericRecord s = ROWS.get(e.getKey().intValue());
            List<List<String>> eps = e.getValue();
            assertEquals((int) (Integer) s.get("EPICOUNT"), eps.size());
            multi |= eps.size() > 1;
            LocalDate admit = LocalDate.ofEpochDay((Integer) s.get("ADMIDATE"));
            LocalDate discharge = LocalDate.ofEpochDay((Integer) s.get("DISDATE"));
            for (int i = 0; i < eps.size(); i++) {
                List<String> ep = eps.get(i);
                assertEquals(Integer.toString(i + 1), ep.get(8), "EPIORDER");
                assertEquals(s.get("PSEUDO_HESID").toString(), ep.get(2));
                assertEquals(s.get("PROCODE3").toString(), ep.get(3));
                assertEquals(admit.toString(), ep.get(4));
                assertEquals(i == eps.size() - 1 ? discharge.toString() : "", ep.get(5));
            }
            assertEquals(admit.toString(), eps.get(0).get(6), "first EPISTART = ADMIDATE");
            assertEquals(discharge.toString(), eps.get(eps.size() - 1).get(7), "last EPIEND = DISDATE");
            assertEquals(s.get("TRETSPEF").toString(), eps.get(0).get(21));
        }
        assertTrue(multi, "some spells have several episodes");
    }

    private static boolean eligible(GenericRecord g) {
        String dismeth = g.get("DISMETH").toString();
        return g.get("CLASSPAT").toString().equals("1")
                && (dismeth.equals("1") || dismeth.equals("3"))
                && g.get("EPITYPE").toString().equals("1")
                && g.get("EPITYPE_LAST").toString().equals("1")
                && !excludedCodes(g);
    }

    private static boolean excludedCodes(GenericRecord g) {
        String tret = g.get("TRETSPEF").toString();
        boolean maternity = Set.of("501", "560", "610").contains(tret)
                && g.get("DIAG_4_01").toString().startsWith("O");
        boolean mental = Set.of(
                        "656", "700", "710", "711", "712", "713", "715", "720", "721", "722", "723", "724", "725",
                        "726", "727", "730")
                .contains(tret);
        boolean cancer = false;
        for (String d : g.get("DIAG_4_CONCAT").toString().split(",")) {
            cancer |= d.matches("C[0-8]\\d.*|C9[0-7].*|D3[7-9].*|D4[0-8].*") || d.startsWith("Z511");
        }
        return maternity || mental || cancer;
    }
}
