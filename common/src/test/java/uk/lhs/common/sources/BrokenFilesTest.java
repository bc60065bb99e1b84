package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.sources.aeicb.AeIcbLevelParser;
import uk.lhs.common.sources.aeicb.AeIcbMonth;
import uk.lhs.common.sources.aemonthly.AeMeasure;
import uk.lhs.common.sources.aemonthly.AeMonthlyProviderParser;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.sources.aemonthly.AeReconciliation;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteProviderParser;
import uk.lhs.common.sources.rttextract.RttExtractParser;
import uk.lhs.common.sources.rttextract.RttExtractRow;

/** The deliberately broken corpus in {@code sources/broken/} (see its README): exact quarantine rows or errors. */
class BrokenFilesTest {

    private static Path file(String name) {
        try {
            return Path.of(
                    BrokenFilesTest.class.getResource("/sources/broken/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParseResult<AeProviderMonth> ae(String name) {
        return AeMonthlyProviderParser.parse(file(name));
    }

    /** "row [column] reason" for each quarantine entry, after checking file name and raw line are filled in. */
    private static List<String> q(ParseResult<?> r) {
        return r.quarantine().stream()
                .map(e -> {
                    assertEquals(r.file(), e.file());
                    assertFalse(e.rawLine().isEmpty());
                    return e.rowNumber() + " [" + e.column() + "] " + e.reason();
                })
                .toList();
    }

    private static String error(Runnable parse) {
        return assertThrows(SourceFileException.class, parse::run).getMessage();
    }

    @Test
    void validControlsParseAndReconcile() {
        for (String name : List.of("ae_valid_small.csv", "ae_bom_crlf.csv")) {
            ParseResult<AeProviderMonth> r = ae(name);
            assertEquals(List.of(), q(r), name);
            assertEquals(4, r.records().size());
            assertEquals("TOTAL", r.controls().get(0).orgCode());
            assertEquals(6, r.controls().get(0).rowNumber());
            assertTrue(AeReconciliation.reconcile(r).reconciled(), name);
            AeProviderMonth rrf = r.records().get(1);
            assertEquals("RRF", rrf.orgCode());
            assertEquals("WRIGHTINGTON, WIGAN AND LEIGH NHS FOUNDATION TRUST", rrf.orgName());
            assertEquals("NHS ENGLAND NORTH WEST", rrf.parentOrg());
            assertEquals(LocalDate.of(2024, 4, 1), rrf.periodStart());
            assertEquals(7150, rrf.attType1());
            assertEquals(3557, rrf.over4hType1());
            assertEquals(819, rrf.emergencyAdmNotViaAe());
            assertEquals(22, rrf.rawValues().length);
        }
        assertTrue(RawCsv.read(file("ae_bom_crlf.csv")).hadBom());
    }

    @Test
    void embeddedNewlineKeepsPhysicalRowNumbersAndBlankLinesAreSkipped() {
        RawCsv csv = RawCsv.read(file("ae_embedded_newline_and_blank_lines.csv"));
        assertEquals(4, csv.blankRecordsSkipped());
        ParseResult<AeProviderMonth> r = AeMonthlyProviderParser.parse(csv);
        assertEquals(List.of(), q(r));
        assertEquals(
                List.of(3, 4, 7),
                r.records().stream().map(AeProviderMonth::rowNumber).toList());
        assertEquals(
                "WRIGHTINGTON, WIGAN\nAND LEIGH \"WWL\" NHS FOUNDATION TRUST",
                r.records().get(1).orgName());
    }

    @Test
    void wrongHeaderListsTheMissingColumn() {
        String msg = error(() -> ae("ae_wrong_header.csv"));
        assertTrue(
                msg.startsWith("ae_wrong_header.csv: header not recognised; closest dataset AE_MONTHLY_PROVIDER "
                        + "lacks 1 of 22 expected columns ['Org Code']; found ['Period', 'Organisation Code', "),
                msg);
        assertTrue(
                msg.endsWith("(22 in all)]; check this is an unedited NHS England AE_MONTHLY_PROVIDER file (or "
                        + "extend Dataset if the publication changed)"),
                msg);
    }

    @Test
    void missingColumnIsAFileError() {
        String msg = error(() -> ae("ae_missing_column.csv"));
        assertTrue(msg.contains("lacks 1 of 22 expected columns ['Other emergency admissions']"), msg);
        assertTrue(msg.contains("(21 in all)"), msg);
    }

    @Test
    void aFileOfAnotherDatasetIsNamedAsSuch() {
        // The 2002-03 anonymised readmissions table is recognised (and kept in bronze only), so the A&E reader refuses
        // it by name rather than as an unreadable header.
        String msg = error(() -> ae("unrecognised_readmissions.csv"));
        assertTrue(
                msg.startsWith("unrecognised_readmissions.csv: is a READMISSIONS_ANONYMISED file, not"
                        + " AE_MONTHLY_PROVIDER"),
                msg);
        assertTrue(Dataset.READMISSIONS_ANONYMISED.bronzeOnlyReason().contains("no month"));
    }

    @Test
    void rowLevelProblemsAreQuarantinedWithRowColumnAndReason() {
        assertEquals(
                List.of("3 [(row)] has 23 fields but the header has 22 (extra columns)"), q(ae("ae_extra_column.csv")));
        assertEquals(
                List.of("3 [A&E attendances Type 1] not a whole non-negative count 'n/a'"),
                q(ae("ae_text_in_count.csv")));
        assertEquals(List.of("3 [Attendances over 4hrs Type 1] negative count '-5'"), q(ae("ae_negative_count.csv")));
        assertEquals(
                List.of("3 [Attendances over 4hrs Type 1] part exceeds total: 23566 > 'A&E attendances Type 1' "
                        + "23565"),
                q(ae("ae_over4h_exceeds_attendances.csv")));
        assertEquals(
                List.of("2 [Period] not an MSitAE period like MSitAE-APRIL-2024: 'MSitAE-APRILL-2024'"),
                q(ae("ae_bad_period.csv")));
        assertEquals(
                List.of("3 [Period] period 'MSitAE-MAY-2024' differs from the file's period " + "'MSitAE-APRIL-2024'"),
                q(ae("ae_mixed_periods.csv")));
        assertEquals(
                List.of(
                        "3 [Org Code] malformed organisation code 'ran' (expected [A-Z0-9]{3,6})",
                        "4 [Org Code] malformed organisation code 'R 0A' (expected [A-Z0-9]{3,6})"),
                q(ae("ae_malformed_org_code.csv")));
        assertEquals(List.of("5 [Org Code] duplicate: Org Code RRF already on row 3"), q(ae("ae_duplicate_rows.csv")));
        assertEquals(List.of("4 [Org Code] duplicate: TOTAL row already on row 3"), q(ae("ae_two_total_rows.csv")));
    }

    @Test
    void quarantinedRowsKeepTheirRawLine() {
        ParseResult<AeProviderMonth> r = ae("ae_text_in_count.csv");
        assertTrue(
                r.quarantine().get(0).rawLine().startsWith("MSitAE-APRIL-2024,R0A,NHS ENGLAND NORTH WEST ,MANCHESTER"));
        assertTrue(r.quarantine().get(0).rawLine().contains("FOUNDATION TRUST,n/a,3203,"));
    }

    @Test
    void truncatedLastLinesAreQuarantined() {
        ParseResult<AeProviderMonth> cut = ae("ae_truncated_last_line.csv");
        assertFalse(RawCsv.read(file("ae_truncated_last_line.csv")).endsWithNewline());
        assertEquals(List.of("4 [(row)] has 4 fields but the header has 22 (truncated or missing columns)"), q(cut));
        assertEquals(2, cut.records().size());
        assertEquals(
                List.of("4 [(row)] truncated: the file ends inside a quoted field"),
                q(ae("ae_unterminated_quote.csv")));
    }

    @Test
    void unknownButWellFormedOrgIsAcceptedAndLookupIsEmpty() {
        ParseResult<AeProviderMonth> r = ae("ae_unknown_org.csv");
        assertEquals(List.of(), q(r));
        assertEquals("ZZZ99", r.records().get(1).orgCode());
        assertTrue(r.notes().contains("no usable national TOTAL row: reconciliation impossible"));
        assertFalse(AeReconciliation.reconcile(r).reconciled());
    }

    @Test
    void totalMismatchIsReported() {
        ParseResult<AeProviderMonth> r = ae("ae_total_mismatch.csv");
        assertEquals(List.of(), q(r));
        assertEquals(
                List.of(new AeReconciliation.Mismatch(AeMeasure.ATT_TYPE1, 30725, 30715)),
                AeReconciliation.reconcile(r).mismatches());
    }

    @Test
    void unreadableFilesAreOneLineErrors() {
        assertEquals(
                "empty.csv: file is empty (0 bytes); re-download the publication; an empty file is never a valid "
                        + "extract",
                error(() -> RawCsv.read(file("empty.csv"))));
        assertEquals(
                "blank_lines_only.csv: file holds no data (only blank lines); re-download the publication; an "
                        + "empty file is never a valid extract",
                error(() -> RawCsv.read(file("blank_lines_only.csv"))));
        assertEquals(
                "binary_garbage.csv: binary content (NUL byte at offset 5), not CSV text; supply the CSV export "
                        + "of the publication, not a spreadsheet or archive",
                error(() -> RawCsv.read(file("binary_garbage.csv"))));
        assertEquals(
                "ae_windows1252.csv: not UTF-8 text (invalid byte 0xC9 at offset 932); re-save the file as UTF-8 "
                        + "(it is probably Windows-1252)",
                error(() -> RawCsv.read(file("ae_windows1252.csv"))));
        for (String m : List.of(
                error(() -> RawCsv.read(file("empty.csv"))), error(() -> RawCsv.read(file("binary_garbage.csv"))))) {
            assertFalse(m.contains("\n"));
        }
    }

    @Test
    void rttIncompleteProviderRowChecks() {
        ParseResult<RttIncompleteProvider> ok = RttIncompleteProviderParser.parse(file("rtt_valid_small-2024-04.csv"));
        assertEquals(List.of(), q(ok));
        assertEquals(2, ok.records().size());
        assertEquals(
                List.of("2 [Total number of incomplete pathways] inconsistent: published 3036 but the sum of all "
                        + "bands is 3035"),
                q(RttIncompleteProviderParser.parse(file("rtt_total_not_sum_of_bands-2024-04.csv"))));
        assertEquals(
                List.of("2 [Total within 18 weeks] part exceeds total: 3100 > total 3035"),
                q(RttIncompleteProviderParser.parse(file("rtt_within18_exceeds_total-2024-04.csv"))));
        assertEquals(
                List.of("2 [Total number of incomplete pathways] not a whole non-negative count '30,35'"),
                q(RttIncompleteProviderParser.parse(file("rtt_bad_thousands_separator-2024-04.csv"))));
        assertEquals(
                List.of("3 [% within 18 weeks] not a percentage '47.2'"),
                q(RttIncompleteProviderParser.parse(file("rtt_bad_percentage-2024-04.csv"))));
        assertEquals(
                "rtt_no_period_in_name.csv: no reporting period: RTT Incomplete-Provider files have no period "
                        + "column and the name has no yyyy-MM; rename the file like RTT-Incomplete-Provider-2024-06.csv or pass "
                        + "the period",
                error(() -> RttIncompleteProviderParser.parse(file("rtt_no_period_in_name.csv"))));
        assertEquals(
                1,
                RttIncompleteProviderParser.parse(
                                RawCsv.read(file("rtt_no_period_in_name.csv")), LocalDate.of(2024, 4, 1))
                        .records()
                        .size());
    }

    @Test
    void rttExtractRowChecks() {
        ParseResult<RttExtractRow> r = RttExtractParser.parse(file("rtt_extract_bad_rows.csv"));
        assertEquals(
                List.of(
                        "2 [RTT Part Type] unknown RTT part 'Part_9' (expected one of [Part_1A, Part_1B, Part_2, Part_2A, Part_3])",
                        "3 [Total All] part exceeds total: the bands sum to 10 > Total All 9",
                        "4 [Commissioner Org Code] malformed organisation code 'NON C' (expected [A-Z0-9]{3,6})",
                        "6 [Provider Org Code] duplicate: provider x commissioner x part x function already on row 5"),
                q(r));
        assertEquals(1, r.records().size());
        assertEquals(
                List.of("partial extract: 51 of 105 band columns absent (bands >0 .. >50); those bands read as 0 "
                        + "and only totals and bands from week 51 can be compared"),
                r.notes());
    }

    @Test
    void odsEtrRowChecks() {
        ParseResult<Organisation> r = OrgReferenceParser.parseOdsEtr(RawCsv.read(file("ods_etr_bad_dates.csv")));
        assertEquals(
                List.of(
                        "2 [close date (col 12)] invalid date '20241331' (expected yyyyMMdd)",
                        "3 [close date (col 12)] close date 1990-01-01 before open date 2019-04-01",
                        "4 [code (col 1)] duplicate: code G6V2S already on row 1"),
                q(r));
        Organisation g = r.records().get(0);
        assertEquals("G6V2S", g.code());
        assertEquals("NORTH LONDON NHS FOUNDATION TRUST", g.name());
        assertEquals("Y56", g.regionCode());
        assertEquals("QMJ", g.parentSystemCode());
        assertEquals(LocalDate.of(2024, 11, 1), g.openDate());
    }

    @Test
    void successorRowChecks() {
        ParseResult<OrgSuccessor> r = OrgReferenceParser.parseSuccessors(RawCsv.read(file("org_successors_bad.csv")));
        assertEquals(
                List.of(
                        "2 [new_code] organisation succeeds itself",
                        "3 [effective_date] invalid date '01/01/2025' (expected yyyy-MM-dd)",
                        "4 [old_code] malformed organisation code 'rap' (expected [A-Z0-9]{3,6})",
                        "6 [old_code] duplicate: RYK already has a successor on row 5"),
                q(r));
        assertEquals(List.of(new OrgSuccessor("RYK", "RNA", LocalDate.of(2024, 10, 1), 5)), r.records());
    }

    @Test
    void aFileOfAnotherDatasetIsRejectedByTheWrongReader() {
        assertEquals(
                "rtt_valid_small-2024-04.csv: is a RTT_INCOMPLETE_PROVIDER file, not AE_MONTHLY_PROVIDER; pass it "
                        + "to the RTT_INCOMPLETE_PROVIDER reader",
                error(() -> ae("rtt_valid_small-2024-04.csv")));
    }

    @Test
    void icbLevelRowChecks() {
        ParseResult<AeIcbMonth> r = AeIcbLevelParser.parse(file("ae_icb_bad_rows-2022-04.csv"));
        assertEquals(
                List.of(
                        "3 [Attendances (Total)] inconsistent: published 32486 but its parts sum to 32485",
                        "4 [Attendances (Type 1)] part exceeds total: within + over 4 hours 36568 > 36567",
                        "5 [Number of patients spending >4 hours from decision to admit to admission] part exceeds total: over 12 "
                                + "hours from DTA 2721 > 2720"),
                q(r));
        AeIcbMonth bsw = r.records().get(0);
        assertEquals("QOX", bsw.icbCode());
        assertEquals(LocalDate.of(2022, 4, 1), bsw.periodStart());
        assertEquals(16474, bsw.count("Attendances (Type 1)"));
        assertEquals(25706, bsw.count("Attendances (Total)"));
        assertEquals(0.721, bsw.publishedPctWithin4hTotal(), 1e-12);
    }

    @Test
    void marchFilesOptionalPct52PlusColumnIsRead() {
        ParseResult<RttIncompleteProvider> r =
                RttIncompleteProviderParser.parse(file("rtt_march_extra_column-2025-03.csv"));
        assertEquals(List.of(), q(r));
        assertEquals(List.of(), r.notes());
        assertEquals(LocalDate.of(2025, 3, 1), r.records().get(0).periodStart());
        assertEquals(0.0804, r.records().get(0).publishedPct52Plus(), 1e-12);
        assertEquals(0.0767, r.records().get(1).publishedPct52Plus(), 1e-12);
    }
}
