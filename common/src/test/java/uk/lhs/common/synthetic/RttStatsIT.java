package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedData;

/**
 * Recomputes the summary columns of every provider x treatment-function row of the six real NHS England
 * Incomplete-Provider files from their bands, with {@link RttStats} and the generator's formatting, and compares the
 * printed text: the independent check that synthetic RTT files are computed the NHS England way.
 */
class RttStatsIT {

    @Test
    void reproducesEveryRowOfTheRealFiles() throws IOException {
        Path dir = SharedData.path("data/rtt_incomplete_provider");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .sorted()
                    .toList();
        }
        assertEquals(6, files.size());
        int rows = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Fixtures.lines(f);
            for (String line : lines.subList(1, lines.size())) {
                List<String> raw = Fixtures.splitRaw(line);
                long[] bands = new long[RttStats.BANDS];
                for (int k = 0; k < RttStats.BANDS; k++) {
                    bands[k] = parse(raw.get(RttGenerator.FIRST_BAND_COLUMN + k));
                }
                RttStats s = RttStats.of(bands);
                List<String> expected = raw.subList(RttGenerator.FIRST_BAND_COLUMN + RttStats.BANDS, raw.size());
                List<String> actual = List.of(
                        RttGenerator.count(s.total()),
                        RttGenerator.count(s.within18()),
                        s.within18() == 0
                                ? "-"
                                : (s.pctWithin18Tenths() / 10) + "." + (s.pctWithin18Tenths() % 10) + "0%",
                        s.total() >= RttStats.MIN_TOTAL_FOR_PERCENTILES ? RttGenerator.weeks(s.medianTenths()) : "-",
                        s.total() >= RttStats.MIN_TOTAL_FOR_PERCENTILES ? RttGenerator.weeks(s.p92Tenths()) : "-",
                        RttGenerator.count(s.over52()),
                        RttGenerator.count(s.over78()),
                        RttGenerator.count(s.over65()));
                if (!expected.equals(actual)) {
                    mismatches.add(
                            f.getFileName() + " " + raw.get(1) + " " + raw.get(3) + ": " + expected + " vs " + actual);
                }
                rows++;
            }
        }
        assertEquals(22_488, rows, "rows in the six real files");
        assertTrue(
                mismatches.isEmpty(),
                mismatches.size() + " mismatches, e.g. "
                        + mismatches.stream().limit(3).toList());
    }

    @Test
    void interpolatesInsideTheBandAndRoundsHalfUp() {
        long[] bands = new long[RttStats.BANDS];
        bands[0] = 10;
        bands[1] = 10;
        // N=20: median = 0 + (10 - 0)/10 = 1.0; 92nd = 1 + (18.4 - 10)/10 = 1.84 -> 1.8.
        RttStats s = RttStats.of(bands);
        assertEquals(10, s.medianTenths());
        assertEquals(18, s.p92Tenths());
        assertEquals(1000, s.pctWithin18Tenths());
        bands[0] = 1;
        bands[1] = 0;
        bands[2] = 1;
        // N=2, 92nd: p*N=1.84, band 2: 2 + (1.84-1)/1 = 2.84 -> 2.8; median: band 0 reaches 1: 0 + 1/1 = 1.0.
        RttStats t = RttStats.of(bands);
        assertEquals(28, t.p92Tenths());
        assertEquals(10, t.medianTenths());
    }

    private static long parse(String raw) {
        String s = raw.replace("\"", "").replace(",", "");
        return s.equals("-") ? 0 : Long.parseLong(s);
    }
}
