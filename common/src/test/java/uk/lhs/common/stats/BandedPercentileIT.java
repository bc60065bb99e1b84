package uk.lhs.common.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.lhs.common.testing.SharedData;

/** Reproduces NHS England's published RTT median and 92nd percentile from the weekly bands of the same rows. */
class BandedPercentileIT {
    private static final String FIRST_BAND = ">0-1";
    private static final String MEDIAN = "Average (median) waiting time (in weeks)";
    private static final String P92 = "92nd percentile waiting time (in weeks)";
    private static final String TOTAL = "Total number of incomplete pathways";

    @ParameterizedTest
    @ValueSource(strings = {"2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"})
    void reproducesEveryPublishedMedianAndP92(String month) throws IOException {
        Csv csv = Csv.read(SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-" + month + ".csv"));
        int first = csv.column(FIRST_BAND);
        assertEquals(
                "104 plus", csv.header().get(first + BandedPercentile.BANDS - 1).strip());
        List<String> bad = new ArrayList<>();
        int published = 0;
        int suppressed = 0;
        for (int r = 0; r < csv.size(); r++) {
            long[] bands = new long[BandedPercentile.BANDS];
            long total = 0;
            for (int k = 0; k < bands.length; k++) {
                bands[k] = (long) csv.number(r, first + k);
                total += bands[k];
            }
            assertEquals((long) csv.number(r, TOTAL), total, "row " + (r + 2) + " total");
            String where = csv.text(r, "Provider Code") + " " + csv.text(r, "Treatment Function Code");
            for (String column : new String[] {MEDIAN, P92}) {
                String printed = csv.text(r, column).strip();
                BigDecimal p = column.equals(MEDIAN) ? BandedPercentile.MEDIAN : BandedPercentile.P92;
                OptionalDouble ours = BandedPercentile.published(bands, p);
                if (printed.equals("-")) {
                    suppressed++;
                    if (BandedPercentile.isPublished(total)) {
                        bad.add(where + " " + column + " printed '-' with " + total + " pathways");
                    }
                } else {
                    published++;
                    if (!BandedPercentile.isPublished(total)
                            || ours.isEmpty()
                            || Math.abs(ours.getAsDouble() - Double.parseDouble(printed)) > 1e-9) {
                        bad.add(where + " " + column + " printed " + printed + " ours " + ours);
                    }
                }
            }
        }
        assertTrue(
                bad.isEmpty(),
                bad.size() + " mismatches in " + month + ": " + bad.subList(0, Math.min(10, bad.size())));
        assertTrue(published > 5000, "published values checked: " + published);
        assertTrue(suppressed > 0);
    }

    @Test
    void workedExample() {
        long[] bands = new long[BandedPercentile.BANDS];
        bands[0] = 10; // >0-1
        bands[1] = 20; // >1-2
        bands[2] = 10; // >2-3
        // N = 40: median target 20 is in band 1: 1 + (20 - 10)/20 = 1.5; p92 target 36.8 in band 2: 2 + 6.8/10 = 2.68.
        assertEquals(
                1.5, BandedPercentile.percentile(bands, BandedPercentile.MEDIAN).getAsDouble(), 1e-12);
        assertEquals(
                2.68, BandedPercentile.percentile(bands, BandedPercentile.P92).getAsDouble(), 1e-12);
        assertEquals(
                2.7, BandedPercentile.published(bands, BandedPercentile.P92).getAsDouble(), 1e-12);
    }

    @Test
    void exactTiesRoundHalfUp() {
        long[] bands = new long[BandedPercentile.BANDS];
        bands[0] = 20;
        bands[3] = 20;
        // N = 40, median target 20 is reached exactly at the end of band 0: 0 + 20/20 = 1.0.
        assertEquals(
                1.0, BandedPercentile.published(bands, BandedPercentile.MEDIAN).getAsDouble());
        long[] tie = new long[BandedPercentile.BANDS];
        tie[0] = 15;
        tie[5] = 20;
        tie[6] = 5;
        // N = 40, target 20: band 5, 5 + (20 - 15)/20 = 5.25 -> 5.3 (half-up, where half-even would give 5.2).
        assertEquals(
                5.3, BandedPercentile.published(tie, BandedPercentile.MEDIAN).getAsDouble());
    }

    @Test
    void emptyOrOpenBandHasNoValue() {
        long[] none = new long[BandedPercentile.BANDS];
        assertFalse(BandedPercentile.published(none, BandedPercentile.MEDIAN).isPresent());
        long[] longWaits = new long[BandedPercentile.BANDS];
        longWaits[0] = 1;
        longWaits[104] = 30; // 104 plus
        assertFalse(
                BandedPercentile.percentile(longWaits, BandedPercentile.MEDIAN).isPresent());
        assertThrows(
                IllegalArgumentException.class,
                () -> BandedPercentile.percentile(new long[104], BandedPercentile.MEDIAN));
        assertFalse(BandedPercentile.isPublished(19));
        assertTrue(BandedPercentile.isPublished(20));
    }
}
