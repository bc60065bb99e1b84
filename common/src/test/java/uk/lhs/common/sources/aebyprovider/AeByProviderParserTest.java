package uk.lhs.common.sources.aebyprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.sources.Finding;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.text.CsvLine;

/** Row checks of the A&E by-provider parser on small hand-made files (the real files: AeByProviderRealFilesIT). */
class AeByProviderParserTest {
    private static final String GOOD = "RC9,NHS England East Of England ,Bedfordshire Hospitals NHS Foundation Trust,"
            + "\"16,670\",0,\"9,034\",\"25,704\",\"10,496\",0,\"9,034\",\"19,530\",\"6,174\",0,0,\"6,174\",76.00%,63.00%,-,"
            + "100.00%,\"4,772\",0,0,\"4,772\",\"2,379\",\"7,151\",87,5";

    private static AeByProviderParser.Parsed parse(String... rows) {
        String text = CsvLine.join(AeByProviderParser.HEADER) + "\n" + String.join("\n", rows) + "\n";
        RawCsv csv = RawCsv.parse("AE-by-provider-2025-05.csv", text.getBytes(StandardCharsets.UTF_8));
        return AeByProviderParser.parse(csv, AeByProviderParser.month(csv));
    }

    @Test
    void aRealRowMapsOntoSilverAeMonthlyWithBookedColumnsZero() {
        AeByProviderParser.Parsed p = parse(GOOD);
        assertEquals(List.of(), p.result().quarantine());
        AeProviderMonth r = p.result().records().get(0);
        assertEquals(LocalDate.of(2025, 5, 1), r.periodStart());
        assertEquals("NHS England East Of England", r.parentOrg());
        assertEquals(
                List.of(16670L, 0L, 9034L, 0L, 0L, 0L),
                List.of(
                        r.attType1(),
                        r.attType2(),
                        r.attOther(),
                        r.attBookedType1(),
                        r.attBookedType2(),
                        r.attBookedOther()));
        assertEquals(
                List.of(6174L, 0L, 0L, 0L, 0L, 0L),
                List.of(
                        r.over4hType1(),
                        r.over4hType2(),
                        r.over4hOther(),
                        r.over4hBookedType1(),
                        r.over4hBookedType2(),
                        r.over4hBookedOther()));
        // >4 h from DTA (87) includes the 12+ h (5): 4-12 h = 82.
        assertEquals(List.of(82L, 5L), List.of(r.dta4to12h(), r.dtaOver12h()));
        assertEquals(
                List.of(4772L, 0L, 0L, 2379L),
                List.of(r.emergencyAdmType1(), r.emergencyAdmType2(), r.emergencyAdmOther(), r.emergencyAdmNotViaAe()));
        assertEquals(List.of(true), p.findings().stream().map(Finding::passed).toList());
    }

    @Test
    void badRowsAreQuarantinedWithColumnAndReason() {
        AeByProviderParser.Parsed p = parse(
                GOOD.replace("RC9,", "R C9,"),
                GOOD.replace("RC9,", "RGT,").replace("\"16,670\",0", "\"16,67x\",0"),
                GOOD.replace("RC9,", "RWH,").replace("\"6,174\",0,0,\"6,174\"", "\"26,174\",0,0,\"26,174\""),
                GOOD.replace("RC9,", "RDE,").replace("\"25,704\"", "\"25,705\""),
                GOOD.replace("RC9,", "RY4,").replace(",87,5", ",87,88"),
                GOOD,
                GOOD);
        List<QuarantineEntry> q = p.result().quarantine();
        assertEquals(
                List.of(2, 3, 4, 5, 6, 8),
                q.stream().map(QuarantineEntry::rowNumber).toList());
        assertEquals("Code", q.get(0).column());
        assertTrue(
                q.get(0).reason().startsWith("malformed organisation code 'R C9'"),
                q.get(0).reason());
        assertEquals("Type 1 Departments - Major A&E (attendances)", q.get(1).column());
        assertEquals(
                "Type 1 Departments - Major A&E (attendances > 4 hours)",
                q.get(2).column());
        assertEquals(
                "part exceeds total: 26174 > 'Type 1 Departments - Major A&E (attendances)' 16670",
                q.get(2).reason());
        assertEquals("Total attendances", q.get(3).column());
        assertEquals(
                "inconsistent: published 25705 but its types sum to 25704",
                q.get(3).reason());
        assertEquals(
                "Number of patients spending >12 hours from decision to admit to admission",
                q.get(4).column());
        assertTrue(
                q.get(5).reason().startsWith("duplicate: Code RC9 already on row 7"),
                q.get(5).reason());
        assertEquals(1, p.result().records().size());
    }

    @Test
    void overFourHoursAboveAttendancesIsQuarantined() {
        AeByProviderParser.Parsed p = parse(GOOD.replace(
                "\"16,670\",0,\"9,034\",\"25,704\",\"10,496\"", "\"6,000\",0,\"9,034\",\"15,034\",\"-174\""));
        assertEquals(1, p.result().quarantine().size());
        p = parse(GOOD.replace(
                "\"16,670\",0,\"9,034\",\"25,704\",\"10,496\",0,\"9,034\",\"19,530\"",
                "\"6,000\",0,\"9,034\",\"15,034\",0,0,\"9,034\",\"9,034\""));
        QuarantineEntry q = p.result().quarantine().get(0);
        assertEquals("Type 1 Departments - Major A&E (attendances > 4 hours)", q.column());
        assertEquals("part exceeds total: 6174 > 'Type 1 Departments - Major A&E (attendances)' 6000", q.reason());
    }

    @Test
    void aPublishedPercentageThatDisagreesWithItsCountsIsAFinding() {
        AeByProviderParser.Parsed p = parse(GOOD.replace("76.00%", "77.00%"));
        assertEquals(List.of(), p.result().quarantine());
        Finding f = p.findings().get(0);
        assertEquals("ae_published_pct_agrees", f.checkId());
        assertEquals("RC9", f.subject());
        assertEquals(false, f.passed());
        assertTrue(
                f.observed().startsWith("Percentage in 4 hours or less (all) published 77.00% but 19530 / 25704"),
                f.observed());
    }

    @Test
    void aReorderedHeaderIsRefused() {
        String text = CsvLine.join(AeByProviderParser.HEADER).replace("Code,Region", "Region,Code") + "\n" + GOOD;
        RawCsv csv = RawCsv.parse("AE-by-provider-2025-05.csv", text.getBytes(StandardCharsets.UTF_8));
        SourceFileException e =
                assertThrows(SourceFileException.class, () -> AeByProviderParser.parse(csv, LocalDate.of(2025, 5, 1)));
        assertTrue(e.getMessage().contains("column 1: expected 'Code', found 'Region'"), e.getMessage());
    }
}
