package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.lhs.common.sources.rtt.RttBands;
import uk.lhs.common.testing.SharedData;

/** Every real file in /work/shared/data is recognised as its dataset. */
class DatasetIT {

    private static void allIn(String dir, Dataset expected) throws IOException {
        try (Stream<Path> s = Files.list(SharedData.path(dir))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".csv")).toList()) {
                assertEquals(expected, Dataset.detect(RawCsv.read(p)), p.toString());
            }
        }
    }

    @Test
    void realFilesAreRecognised() throws IOException {
        allIn("data/ae_monthly_provider", Dataset.AE_MONTHLY_PROVIDER);
        allIn("data/rtt_incomplete_provider", Dataset.RTT_INCOMPLETE_PROVIDER);
        allIn("data/rtt_full_extract_partial", Dataset.RTT_FULL_EXTRACT);
        allIn("data/ae_icb_level", Dataset.AE_ICB_LEVEL);
        assertEquals(
                Dataset.ORG_ODS_ETR, Dataset.detect(RawCsv.read(SharedData.path("data/org_reference/ods_etr.csv"))));
        assertEquals(
                Dataset.ORG_SYSTEM_MAPPING,
                Dataset.detect(RawCsv.read(SharedData.path("data/org_reference/System-Mapping_trust_to_ICB.csv"))));
        assertEquals(
                Dataset.SPELLS_CSV,
                Dataset.detect(RawCsv.read(SharedData.path("data/synthetic/artificial_hes_apc_0102_truncated.csv"))));
    }

    @Test
    void marchFilesExtraColumnIsOptional() {
        String header = String.join(",", Dataset.RTT_INCOMPLETE_PROVIDER.requiredColumns()) + ",% 52 plus weeks";
        RawCsv csv = RawCsv.parse("RTT-Incomplete-Provider-2025-03.csv", (header + "\n").getBytes());
        assertEquals(Dataset.RTT_INCOMPLETE_PROVIDER, Dataset.detect(csv));
    }

    @Test
    void namesAreComparedTrimmedSingleSpacedAndCaseInsensitive() {
        assertEquals("attendances (total)", Dataset.normalise("\uFEFFAttendances  (Total) "));
    }

    @Test
    void extractBandHeadersAcceptAnyPadding() {
        assertEquals(51, RttBands.fullExtractBand("Gt 51 To 52 Weeks SUM 1"));
        assertEquals(0, RttBands.fullExtractBand("Gt 00 To 01 Weeks SUM 1"));
        assertEquals(0, RttBands.fullExtractBand("Gt 0 To 1 Weeks SUM 1"));
        assertEquals(RttBands.BAND_104_PLUS, RttBands.fullExtractBand("Gt 104 Weeks SUM 1"));
        assertEquals(-1, RttBands.fullExtractBand("Gt 3 To 5 Weeks SUM 1"));
        assertEquals(-1, RttBands.fullExtractBand("Total All"));
    }
}
