package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.lhs.common.sources.aeicb.AeIcbLevelParser;
import uk.lhs.common.sources.aeicb.AeIcbMonth;
import uk.lhs.common.sources.aemonthly.AeMeasure;
import uk.lhs.common.sources.aemonthly.AeMonthlyProviderParser;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.sources.aemonthly.AeReconciliation;
import uk.lhs.common.sources.rtt.RttBands;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteProviderParser;
import uk.lhs.common.sources.rttextract.RttExtractIncomplete;
import uk.lhs.common.sources.rttextract.RttExtractParser;
import uk.lhs.common.sources.rttextract.RttExtractRow;
import uk.lhs.common.testing.SharedData;

/** Every real NHS England file in /work/shared/data: counts reconcile with the files and with the TOTAL rows. */
class RealFilesIT {

    private static List<Path> csvs(String dir) throws IOException {
        try (Stream<Path> s = Files.list(SharedData.path(dir))) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** Physical lines in a file without embedded newlines in quotes (true of all the real files). */
    private static long lines(Path p) throws IOException {
        return Files.readAllLines(p).stream().filter(l -> !l.isEmpty()).count();
    }

    @Test
    void everyAeMonthParsesCleanlyAndReconcilesWithItsTotalRow() throws IOException {
        List<Path> files = csvs("data/ae_monthly_provider");
        assertEquals(12, files.size());
        int month = 0;
        for (Path f : files) {
            ParseResult<AeProviderMonth> r = AeMonthlyProviderParser.parse(f);
            assertEquals(Dataset.AE_MONTHLY_PROVIDER, r.dataset());
            assertEquals(List.of(), r.quarantine(), f.toString());
            assertEquals(1, r.controls().size(), f + " TOTAL rows");
            assertEquals(lines(f) - 1, r.dataRows(), f + " rows");
            assertEquals(r.dataRows() - 1, r.records().size());
            LocalDate expected = LocalDate.of(2024, 4, 1).plusMonths(month++);
            assertTrue(r.records().stream().allMatch(x -> x.periodStart().equals(expected)), f.toString());
            assertEquals(expected, r.controls().get(0).periodStart());
            AeReconciliation rec = AeReconciliation.reconcile(r);
            assertTrue(rec.reconciled(), f + " " + rec.mismatches());
            System.out.printf(
                    "A&E %s: %d providers + TOTAL, reconciled on %d columns%n",
                    f.getFileName(), r.records().size(), AeMeasure.values().length);
        }
    }

    @Test
    void september2024EmptyTrailingColumnsAreIgnoredAndNoted() {
        ParseResult<AeProviderMonth> r =
                AeMonthlyProviderParser.parse(SharedData.path("data/ae_monthly_provider/Monthly-AE-2024-09.csv"));
        assertEquals(6, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(5).contains("'a'") && r.notes().get(5).contains("blank in every row"));
        assertEquals(197, r.records().size());
    }

    @Test
    void everyIcbLevelMonthParsesCleanly() throws IOException {
        List<Path> files = csvs("data/ae_icb_level");
        assertEquals(22, files.size());
        for (Path f : files) {
            ParseResult<AeIcbMonth> r = AeIcbLevelParser.parse(f);
            assertEquals(List.of(), r.quarantine(), f.toString());
            assertEquals(42, r.records().size(), f.toString());
            assertEquals(lines(f) - 1, r.dataRows());
        }
    }

    @Test
    void everyRttIncompleteProviderMonthParsesCleanly() throws IOException {
        List<Path> files = csvs("data/rtt_incomplete_provider");
        assertEquals(6, files.size());
        int[] expectedRows = {3768, 3768, 3744, 3744, 3744, 3720};
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            ParseResult<RttIncompleteProvider> r = RttIncompleteProviderParser.parse(f);
            assertEquals(List.of(), r.quarantine(), f.toString());
            assertEquals(lines(f) - 1, r.dataRows());
            assertEquals(expectedRows[i], r.records().size(), f.toString());
            assertEquals(LocalDate.of(2024, 4 + i, 1), r.records().get(0).periodStart());
            long allFunctions = r.records().stream()
                    .filter(RttIncompleteProvider::isAllFunctions)
                    .count();
            long providers = r.records().stream()
                    .map(RttIncompleteProvider::providerCode)
                    .distinct()
                    .count();
            assertEquals(providers, allFunctions, "one C_999 total per provider");
            System.out.printf(
                    "RTT %s: %d provider x function rows, %d providers%n",
                    f.getFileName(), r.records().size(), providers);
        }
    }

    @Test
    void rttPublishedControlsAreKeptAsPublished() {
        ParseResult<RttIncompleteProvider> r = RttIncompleteProviderParser.parse(
                SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-04.csv"));
        RttIncompleteProvider barts = r.records().get(0);
        assertEquals("R1H", barts.providerCode());
        assertEquals("C_100", barts.treatmentFunctionCode());
        assertEquals(197, barts.bands()[0]);
        assertEquals(3035, barts.total());
        assertEquals(1562, barts.within18Weeks());
        assertEquals(0.515, barts.publishedPctWithin18Weeks(), 1e-12);
        assertEquals(16.9, barts.publishedMedianWeeks(), 1e-12);
        assertEquals(52.1, barts.publishedP92Weeks(), 1e-12);
        assertEquals(244, barts.total52Plus());
        assertEquals(75, barts.total65Plus());
        assertEquals(5, barts.total78Plus());
        assertEquals(null, barts.publishedPct52Plus());
    }

    @Test
    void fullExtractAggregatesToTheJuneIncompleteProviderFileForAll907Pairs() {
        Path file = SharedData.path("data/rtt_full_extract_partial/RTT-full-extract-2024-06-PARTIAL.csv");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = mx.getCurrentThreadCpuTime();
        ParseResult<RttExtractRow> ex = RttExtractParser.parse(file);
        // CPU time of this thread, not wall time: the build machine is shared, and the budget is about the code.
        double seconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        assertEquals(64983, ex.dataRows());
        assertEquals(List.of(), ex.quarantine());
        assertTrue(
                ex.notes().stream().anyMatch(n -> n.contains("51 of 105 band columns absent")),
                ex.notes().toString());
        assertTrue(seconds < 5, "parsing took " + seconds + " s");
        List<RttExtractIncomplete> agg = RttExtractIncomplete.aggregate(ex.records());
        ParseResult<RttIncompleteProvider> pub = RttIncompleteProviderParser.parse(
                SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-06.csv"));
        Map<String, RttIncompleteProvider> byKey = new HashMap<>();
        pub.records().forEach(p -> byKey.put(p.providerCode() + "|" + p.treatmentFunctionCode(), p));
        int compared = 0;
        for (RttExtractIncomplete a : agg) {
            RttIncompleteProvider p = byKey.get(a.providerCode() + "|" + a.treatmentFunctionCode());
            if (p == null) {
                continue;
            }
            compared++;
            String key = a.providerCode() + " " + a.treatmentFunctionCode();
            assertEquals(51, a.firstKnownBand());
            assertEquals(p.total(), a.total(), key + " total");
            assertEquals(p.total52Plus(), a.waitingOver(52).getAsLong(), key + " 52+");
            assertEquals(p.total65Plus(), a.waitingOver(65).getAsLong(), key + " 65+");
            assertEquals(p.total78Plus(), a.waitingOver(78).getAsLong(), key + " 78+");
            for (int k = 51; k < RttBands.COUNT; k++) {
                assertEquals(p.bands()[k], a.bands()[k], key + " band " + k);
            }
        }
        assertEquals(907, compared);
        assertEquals(1463, agg.size());
        assertTrue(agg.get(0).waitingOver(18).isEmpty(), "bands below 51 weeks are unknown in the partial file");
        System.out.printf(
                "RTT extract: %d rows in %.2f s CPU (%.2f s wall, cold JVM); %d provider x function aggregates, %d match the "
                        + "Incomplete-Provider file exactly%n",
                ex.dataRows(), seconds, wall, agg.size(), compared);
    }

    @Test
    void includingNonContractedWouldOverstate() {
        ParseResult<RttExtractRow> ex = RttExtractParser.parse(
                SharedData.path("data/rtt_full_extract_partial/RTT-full-extract-2024-06-PARTIAL.csv"));
        long nonc = RttExtractIncomplete.aggregate(ex.records()).stream()
                .mapToLong(RttExtractIncomplete::nonContractedRowsExcluded)
                .sum();
        assertTrue(nonc > 0, "the real file has NONC Part_2 rows, which are excluded");
    }

    @Test
    void orgReferenceFilesLoadAndJoin() {
        ParseResult<Organisation> etr =
                OrgReferenceParser.parseOdsEtr(RawCsv.read(SharedData.path("data/org_reference/ods_etr.csv")));
        assertEquals(210, etr.records().size());
        assertEquals(List.of(), etr.quarantine());
        assertEquals(
                5, etr.records().stream().filter(o -> o.closeDate() != null).count());
        ParseResult<Organisation> map = OrgReferenceParser.parseSystemMapping(
                RawCsv.read(SharedData.path("data/org_reference/System-Mapping_trust_to_ICB.csv")));
        assertEquals(208, map.dataRows());
        assertEquals(207, map.records().size());
        assertEquals(1, map.quarantine().size());
        assertEquals(116, map.quarantine().get(0).rowNumber());
        assertTrue(map.quarantine().get(0).reason().startsWith("duplicate: code NNFA7 already on row 115"));
        assertEquals(
                List.of("row 190: Code 'AQM01 ' read as 'AQM01'", "row 198: Code 'NTV0b' read as 'NTV0B'"),
                map.notes());
        OrgReference ref = OrgReference.of(etr, map, null);
        assertEquals(List.of(), ref.notes());
        Organisation rrf = ref.lookup("RRF").orElseThrow();
        assertEquals(Organisation.TRUST, rrf.level());
        assertEquals("Y62", rrf.regionCode());
        assertEquals("North West Commissioning Region", rrf.regionName());
        Organisation wic = ref.lookup("Y02428").orElseThrow();
        assertEquals(Organisation.PROVIDER, wic.level());
        assertEquals("QHG", wic.parentSystemCode());
        assertEquals("Y61", wic.regionCode());
        assertEquals(
                42,
                ref.all().stream()
                        .filter(o -> o.level().equals(Organisation.ICB))
                        .count());
        assertEquals(LocalDate.of(2024, 12, 31), ref.lookup("RAP").orElseThrow().closeDate());
        assertTrue(ref.lookup("ZZZ99").isEmpty());
    }

    @Test
    void everyAeProviderIsKnownToTheReferenceOrReported() throws IOException {
        OrgReference ref = OrgReference.load(SharedData.repoRoot().resolve("conf/reference"));
        long unknown = 0;
        long total = 0;
        for (Path f : csvs("data/ae_monthly_provider")) {
            for (AeProviderMonth r : AeMonthlyProviderParser.parse(f).records()) {
                total++;
                if (ref.lookup(r.orgCode()).isEmpty()) {
                    unknown++;
                }
            }
        }
        System.out.printf("A&E provider-months not in the reference: %d of %d%n", unknown, total);
        assertTrue(unknown < total / 2, "most providers are in the System-Mapping");
    }
}
