package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.text.CsvLine;

/**
 * The generated A&amp;E, RTT and reference files have the real files' headers, byte layout (BOM, line ends, quoting)
 * and cell syntax; totals equal the sums; the summary columns are recomputable; magnitudes are realistic.
 */
class FormatFidelityIT {
    /** Cell syntax of an RTT count in the real files: "-" for zero, quoted thousands separators from 1,000. */
    private static final Pattern RTT_COUNT = Pattern.compile("-|[1-9]\\d{0,2}|\"[1-9]\\d{0,2}(,\\d{3})+\"");

    private static final Pattern RTT_PCT = Pattern.compile("-|\\d{1,3}\\.\\d0%");
    private static final Pattern RTT_WEEKS = Pattern.compile("-|\\d+(\\.\\d)?");

    @TempDir
    static Path tmp;

    static Path out;
    static GeneratorOptions opts;
    /** (file, org code) -> column -> original value, from truth/injected_defects.csv. */
    static final Map<String, Map<String, String>> DEFECTS = new HashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        opts = Fixtures.small(200);
        out = tmp.resolve("out");
        SyntheticGenerator.generate(opts, out);
        List<String> lines = Fixtures.lines(out.resolve("truth/injected_defects.csv"));
        assertEquals(DefectLog.HEADER, lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = CsvLine.split(l);
            DEFECTS.computeIfAbsent(f.get(0) + "|" + f.get(1), k -> new HashMap<>())
                    .put(f.get(2), f.get(4));
            if (f.get(3).equals("malformed_org_code")) {
                DEFECTS.computeIfAbsent(f.get(0) + "|" + f.get(5), k -> new HashMap<>())
                        .put(f.get(2), f.get(4));
            }
        }
        assertTrue(lines.size() >= 6, "at least the five kinds of defect are injected");
    }

    @Test
    void aeFilesMatchTheRealLayoutAndTotalsAreColumnSums() throws IOException {
        Path real = SharedData.path("data/ae_monthly_provider/Monthly-AE-2024-04.csv");
        String realHeader = Fixtures.firstLineRaw(real);
        assertEquals(realHeader, AeGenerator.HEADER);
        List<Double> type1Winter = new ArrayList<>();
        List<Double> type1Summer = new ArrayList<>();
        for (int i = 0; i < opts.months(); i++) {
            YearMonth m = opts.month(i);
            String name = "ae/Monthly-AE-" + m + ".csv";
            Path p = out.resolve(name);
            byte[] bytes = Files.readAllBytes(p);
            assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("\r"), "LF line ends like the real file");
            assertEquals('P', bytes[0], "no BOM, like the real file");
            List<String> lines = Fixtures.lines(p);
            assertEquals(realHeader, lines.get(0));
            long[] sums = new long[AeGenerator.COUNTS];
            long over = 0;
            long att = 0;
            for (String line : lines.subList(1, lines.size() - 1)) {
                List<String> f = CsvLine.split(line);
                assertEquals(22, f.size(), line);
                assertEquals("MSitAE-" + m.getMonth() + "-" + m.getYear(), f.get(0));
                Map<String, String> defects = DEFECTS.getOrDefault(name + "|" + f.get(1), Map.of());
                if (!defects.containsKey("Org Code")) {
                    assertTrue(f.get(1).matches("Z[A-Z0-9]{2}"), f.get(1));
                }
                assertTrue(f.get(2).startsWith("NHS ENGLAND SYNTHETIC "), f.get(2));
                for (int k = 0; k < AeGenerator.COUNTS; k++) {
                    String cell = f.get(4 + k);
                    String header = CsvLine.split(realHeader).get(4 + k);
                    String value = defects.getOrDefault(header, cell);
                    if (!value.equals(cell)) {
                        assertFalse(cell.matches("\\d+"), "the recorded defect is really non-numeric: " + cell);
                    }
                    sums[k] += Long.parseLong(value);
                }
                long a1 = Long.parseLong(f.get(4)) + Long.parseLong(f.get(7));
                long o1 = Long.parseLong(defects.getOrDefault("Attendances over 4hrs Type 1", f.get(10)))
                        + Long.parseLong(f.get(13));
                (m.getMonthValue() <= 2 || m.getMonthValue() == 12
                                ? type1Winter
                                : m.getMonthValue() >= 6 && m.getMonthValue() <= 8
                                        ? type1Summer
                                        : new ArrayList<Double>())
                        .add(1 - o1 / (double) a1);
            }
            List<String> total = CsvLine.split(lines.get(lines.size() - 1));
            assertEquals(List.of("TOTAL", "TOTAL", "TOTAL", "TOTAL"), total.subList(0, 4));
            for (int k = 0; k < AeGenerator.COUNTS; k++) {
                assertEquals(sums[k], Long.parseLong(total.get(4 + k)), name + " TOTAL column " + k);
                if (k < 6) {
                    att += sums[k];
                } else if (k < 12) {
                    over += sums[k];
                }
            }
            double within = 1 - over / (double) att;
            assertTrue(within > 0.65 && within < 0.85, name + " all-types 4-hour % " + within);
        }
        double winter =
                type1Winter.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double summer =
                type1Summer.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(winter < summer - 0.02, "winter dip: " + winter + " vs summer " + summer);
    }

    @Test
    void rttFilesMatchTheRealLayoutAndSummariesAreRecomputable() throws IOException {
        Path real = SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-04.csv");
        String realHeader = Fixtures.firstLineRaw(real);
        assertEquals(realHeader, CsvText.BOM + RttGenerator.header(), "header, BOM included");
        List<String> realLines = Fixtures.lines(real);
        List<String> realOrder = new ArrayList<>();
        for (String l : realLines.subList(1, 25)) {
            realOrder.add(Fixtures.splitRaw(l).get(3));
        }
        // The cell syntax checked below is the real files' syntax: prove it on the real file first.
        for (String l : realLines.subList(1, realLines.size())) {
            checkRttCells(Fixtures.splitRaw(l), l);
        }
        for (int i = 0; i < opts.months(); i++) {
            String name = "rtt/RTT-Incomplete-Provider-" + opts.month(i) + ".csv";
            Path p = out.resolve(name);
            assertEquals(realHeader, Fixtures.firstLineRaw(p));
            assertFalse(Files.readString(p).contains("\r"));
            List<String> lines = Fixtures.lines(p);
            assertEquals(0, (lines.size() - 1) % 24, "24 rows per provider");
            for (int start = 1; start < lines.size(); start += 24) {
                long[] sum = new long[RttStats.BANDS];
                List<String> order = new ArrayList<>();
                for (int r = 0; r < 24; r++) {
                    List<String> raw = Fixtures.splitRaw(lines.get(start + r));
                    order.add(raw.get(3));
                    Map<String, String> defects = DEFECTS.getOrDefault(name + "|" + raw.get(1), Map.of());
                    long[] bands = new long[RttStats.BANDS];
                    for (int k = 0; k < RttStats.BANDS; k++) {
                        String col = raw.get(3) + " "
                                + CsvLine.split(realHeader.substring(1)).get(RttGenerator.FIRST_BAND_COLUMN + k);
                        String cell = defects.containsKey(col)
                                ? RttGenerator.count(
                                        Long.parseLong(defects.get(col).replace(",", "")))
                                : raw.get(RttGenerator.FIRST_BAND_COLUMN + k);
                        raw.set(RttGenerator.FIRST_BAND_COLUMN + k, cell);
                        bands[k] = count(cell);
                    }
                    checkRttCells(raw, lines.get(start + r));
                    if (r < 23) {
                        for (int k = 0; k < RttStats.BANDS; k++) {
                            sum[k] += bands[k];
                        }
                    } else {
                        for (int k = 0; k < RttStats.BANDS; k++) {
                            assertEquals(
                                    sum[k],
                                    bands[k],
                                    name + " " + raw.get(1) + " C_999 band " + k + " = sum of functions");
                        }
                        RttStats s = RttStats.of(bands);
                        assertEquals(s.total(), count(raw.get(110)));
                        assertEquals(s.within18(), count(raw.get(111)));
                        double pct = s.within18() / (double) s.total();
                        assertTrue(s.total() > 12_000 && s.total() < 300_000, "list size " + s.total());
                        assertTrue(pct > 0.40 && pct < 0.80, "18-week % " + pct);
                        assertEquals(RttGenerator.weeks(s.medianTenths()), raw.get(113));
                        assertEquals(RttGenerator.weeks(s.p92Tenths()), raw.get(114));
                    }
                }
                assertEquals(realOrder, order, "treatment functions in the real files' order");
            }
        }
    }

    @Test
    void referenceFilesMatchTheRealLayout() throws IOException {
        Path realMapping = SharedData.path("data/org_reference/System-Mapping_trust_to_ICB.csv");
        assertEquals(
                Fixtures.firstLineRaw(realMapping), Fixtures.firstLineRaw(out.resolve("reference/System-Mapping.csv")));
        Path realEtr = SharedData.path("data/org_reference/ods_etr.csv");
        String realText = Files.readString(realEtr);
        String text = Files.readString(out.resolve("reference/ods_etr.csv"));
        assertEquals(realText.endsWith("\r\n"), text.endsWith("\r\n"), "same line ends as the real etr");
        List<String> lines = Fixtures.lines(out.resolve("reference/ods_etr.csv"));
        assertEquals(opts.trusts(), lines.size(), "no header, one row per trust");
        for (String l : lines) {
            List<String> raw = Fixtures.splitRaw(l.replace("\r", ""));
            assertEquals(ReferenceWriter.ETR_FIELDS, raw.size());
            assertTrue(raw.stream().allMatch(c -> c.startsWith("\"") && c.endsWith("\"")), "all fields quoted: " + l);
            List<String> f = CsvLine.split(l.replace("\r", ""));
            assertTrue(
                    f.get(10).matches("\\d{8}")
                            && (f.get(11).isEmpty() || f.get(11).matches("\\d{8}")),
                    l);
            assertTrue(f.get(1).startsWith("SYNTHETIC "), "clearly synthetic name: " + f.get(1));
        }
        List<String> succ = Fixtures.lines(out.resolve("reference/org_successors.csv"));
        assertEquals("old_code,new_code,effective_date", succ.get(0));
        List<String> m = CsvLine.split(succ.get(1));
        LocalDate effective = LocalDate.parse(m.get(2));
        String etrOld = lines.stream()
                .filter(l -> l.startsWith("\"" + m.get(0) + "\""))
                .findFirst()
                .orElseThrow();
        assertEquals(
                effective.minusDays(1).toString().replace("-", ""),
                CsvLine.split(etrOld.replace("\r", "")).get(11));
        for (int i = 0; i < opts.months(); i++) {
            YearMonth month = opts.month(i);
            String ae = Files.readString(out.resolve("ae/Monthly-AE-" + month + ".csv"));
            boolean before = month.atDay(1).isBefore(effective);
            if (!before) {
                assertFalse(ae.contains("," + m.get(0) + ","), m.get(0) + " closed but present in " + month);
            }
            assertTrue(ae.contains("," + m.get(1) + ","), "successor " + m.get(1) + " publishes in " + month);
        }
    }

    private static void checkRttCells(List<String> raw, String line) {
        assertEquals(118, raw.size(), line);
        assertTrue(raw.get(0).matches("Y\\d{2}"), line);
        for (int k = RttGenerator.FIRST_BAND_COLUMN; k < RttGenerator.FIRST_BAND_COLUMN + RttStats.BANDS + 2; k++) {
            assertTrue(RTT_COUNT.matcher(raw.get(k)).matches(), "count cell '" + raw.get(k) + "' in " + line);
        }
        assertTrue(RTT_PCT.matcher(raw.get(112)).matches(), raw.get(112));
        assertTrue(
                RTT_WEEKS.matcher(raw.get(113)).matches()
                        && RTT_WEEKS.matcher(raw.get(114)).matches(),
                line);
        for (int k = 115; k < 118; k++) {
            assertTrue(RTT_COUNT.matcher(raw.get(k)).matches(), raw.get(k));
        }
    }

    private static long count(String cell) {
        String s = cell.replace("\"", "").replace(",", "");
        return s.equals("-") ? 0 : Long.parseLong(s);
    }
}
