package uk.lhs.common.sources.aebyprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Finding;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Sources;
import uk.lhs.common.sources.aemonthly.AeMonthlyProviderParser;
import uk.lhs.common.sources.aemonthly.AeMonthlySource;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.text.CsvLine;
import uk.lhs.common.vocab.Cols;

/**
 * The two real A&E by-provider files (May and June 2025, saved from NHS England's XLS): recognised, loaded with no
 * quarantined row, each trust's 4-hour % from its counts reproducing the published "Percentage in 4 hours or less
 * (all)" to 0.1 pp, and England's 4-hour % the sum over providers (NHS England's method: METHODOLOGY.md "A&E").
 * And the same month in both formats — a by-provider file built from a real Monthly-AE file's counts — gives the
 * same silver.ae_monthly figures and the same trust and England 4-hour % under the indicator's formula.
 */
class AeByProviderRealFilesIT {
    private static final String DIR = "data/ae_by_provider_xls_export/";
    private static final OrgReference REF =
            OrgReference.load(SharedData.repoRoot().resolve("conf/reference"));

    @Test
    void bothFilesLoadWithNoQuarantinedRowAndReproduceEachTrustsPublishedPercentage() {
        for (String name : List.of("AE-by-provider-2025-05.csv", "AE-by-provider-2025-06.csv")) {
            RawCsv csv = RawCsv.read(SharedData.path(DIR + name));
            assertEquals(Dataset.AE_BY_PROVIDER, Sources.detect(csv).dataset(), name);
            AeByProviderParser.Parsed p = AeByProviderParser.parse(csv, AeByProviderParser.month(csv));
            ParseResult<AeProviderMonth> r = p.result();
            assertEquals(List.of(), r.quarantine(), name);
            assertEquals(csv.dataRows().size(), r.records().size(), name);
            assertEquals(
                    List.of(true), p.findings().stream().map(Finding::passed).toList(), name);
            // Independently of the parser: each trust's within-4h / attendances (all types), from the raw cells.
            Map<String, String[]> raw = new TreeMap<>();
            for (var row : csv.dataRows()) {
                raw.put(row.value(0), row.rawValues());
            }
            int checked = 0;
            for (AeProviderMonth m : r.records()) {
                long att = m.attType1() + m.attType2() + m.attOther();
                long over = m.over4hType1() + m.over4hType2() + m.over4hOther();
                String published = raw.get(m.orgCode())[15];
                if (att == 0) {
                    assertEquals("-", published, m.orgCode());
                    continue;
                }
                String computed = String.format(Locale.ROOT, "%.1f", Math.round(1000.0 * (att - over) / att) / 10.0);
                assertEquals(
                        String.format(Locale.ROOT, "%.1f", Double.parseDouble(published.replace("%", ""))),
                        computed,
                        name + " " + m.orgCode() + ": published " + published);
                checked++;
            }
            assertTrue(checked >= 190, name + ": " + checked + " trusts checked");
        }
    }

    @Test
    void englandIsTheSumOverProviders() {
        // No official England figure for these months is in METHODOLOGY.md, so the sum-based % is checked against the
        // same sum taken directly from the raw cells (columns 'Total attendances' and 'Total Attendances < 4 hours').
        Map<String, String> expected =
                Map.of("AE-by-provider-2025-05.csv", "75.4", "AE-by-provider-2025-06.csv", "75.6");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            RawCsv csv = RawCsv.read(SharedData.path(DIR + e.getKey()));
            long rawAtt = 0;
            long rawWithin = 0;
            for (var row : csv.dataRows()) {
                rawAtt += Long.parseLong(row.value(6).replace(",", ""));
                rawWithin += Long.parseLong(row.value(10).replace(",", ""));
            }
            List<Row> silver = AeMonthlySource.rows(
                    AeByProviderParser.parse(csv, AeByProviderParser.month(csv))
                            .result()
                            .records(),
                    REF,
                    csv.sha256(),
                    "it");
            long[] nd = fourHour(silver).values().stream().reduce(new long[2], (a, b) ->
                    new long[] {a[0] + b[0], a[1] + b[1]});
            assertEquals(rawWithin, nd[0], e.getKey());
            assertEquals(rawAtt, nd[1], e.getKey());
            String england = String.format(Locale.ROOT, "%.1f", 100.0 * nd[0] / nd[1]);
            assertEquals(e.getValue(), england, e.getKey() + ": England " + nd[0] + " / " + nd[1]);
        }
    }

    @Test
    void aByProviderFileAndAMonthlyAeFileOfTheSameMonthGiveTheSameFigures() {
        Path monthly = SharedData.path("data/ae_monthly_provider/Monthly-AE-2025-03.csv");
        ParseResult<AeProviderMonth> ae = AeMonthlyProviderParser.parse(monthly);
        assertEquals(List.of(), ae.quarantine());
        String text = AeByProviderCsv.of(ae.records());
        assertTrue(text.contains("\"1"), "thousands separators are quoted, as in the real exports");
        RawCsv built = RawCsv.parse("AE-by-provider-2025-03.csv", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(Dataset.AE_BY_PROVIDER, Sources.detect(built).dataset());
        AeByProviderParser.Parsed p = AeByProviderParser.parse(built, LocalDate.of(2025, 3, 1));
        assertEquals(List.of(), p.result().quarantine());
        assertEquals(List.of(true), p.findings().stream().map(Finding::passed).toList());

        Map<String, long[]> fromMonthly = fourHour(AeMonthlySource.rows(ae.records(), REF, "a", "it"));
        Map<String, long[]> fromByProvider =
                fourHour(AeMonthlySource.rows(p.result().records(), REF, "b", "it"));
        assertEquals(fromMonthly.keySet(), fromByProvider.keySet());
        for (String org : fromMonthly.keySet()) {
            assertEquals(
                    List.of(fromMonthly.get(org)[0], fromMonthly.get(org)[1]),
                    List.of(fromByProvider.get(org)[0], fromByProvider.get(org)[1]),
                    org + ": within 4 h, attendances");
        }
        long[] a = fromMonthly.values().stream().reduce(new long[2], (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        long[] b =
                fromByProvider.values().stream().reduce(new long[2], (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        assertEquals(a[0] / (double) a[1], b[0] / (double) b[1], 0.0, "England 4-hour %");
        // And England equals the Monthly-AE TOTAL row's: 1 - over / attendances, booked included.
        AeProviderMonth total = ae.controls().get(0);
        long totAtt = total.attType1()
                + total.attType2()
                + total.attOther()
                + total.attBookedType1()
                + total.attBookedType2()
                + total.attBookedOther();
        long totOver = total.over4hType1()
                + total.over4hType2()
                + total.over4hOther()
                + total.over4hBookedType1()
                + total.over4hBookedType2()
                + total.over4hBookedOther();
        assertEquals(List.of(totAtt - totOver, totAtt), List.of(b[0], b[1]));
        assertTrue(CsvLine.split(text.lines().findFirst().orElseThrow()).size() == AeByProviderParser.HEADER.size());
    }

    /**
     * Per org_code of silver.ae_monthly rows: the ae_4hr_all indicator's numerator and denominator
     * (conf/indicators/ae.yaml: attendances incl. booked − over 4 hours incl. booked, over attendances incl. booked).
     */
    static Map<String, long[]> fourHour(List<Row> silver) {
        var schema = IngestTables.AE_MONTHLY.schema();
        List<String> att = List.of(
                "att_type1", "att_type2", "att_other", "att_booked_type1", "att_booked_type2", "att_booked_other");
        List<String> over = List.of(
                "over4_type1",
                "over4_type2",
                "over4_other",
                "over4_booked_type1",
                "over4_booked_type2",
                "over4_booked_other");
        Map<String, long[]> out = new TreeMap<>();
        for (Row r : silver) {
            long a =
                    att.stream().mapToLong(c -> r.getLong(schema.fieldIndex(c))).sum();
            long o = over.stream()
                    .mapToLong(c -> r.getLong(schema.fieldIndex(c)))
                    .sum();
            out.put(r.getString(schema.fieldIndex(Cols.ORG_CODE)), new long[] {a - o, a});
        }
        return out;
    }
}
