package uk.lhs.common.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteProviderParser;
import uk.lhs.common.testing.SharedData;

class SilverRowsIT {
    @Test
    void rttRowsCarryThePublishedFiguresAsFractionsAndWeeks() {
        ParseResult<RttIncompleteProvider> parsed = RttIncompleteProviderParser.parse(
                SharedData.path("data/rtt_incomplete_provider/RTT-Incomplete-Provider-2024-06.csv"));
        OrgReference ref = OrgReference.load(SharedData.repoRoot().resolve("conf/reference"));
        List<Row> rows = SilverRows.rttIncomplete(parsed.records(), ref, "sha", "run");
        assertEquals(parsed.records().size(), rows.size(), "no provider in this month merges with another");
        for (Row r : rows) {
            Double pct = (Double) r.get(15);
            if (pct != null) {
                assertTrue(pct >= 0 && pct <= 1, "fraction in [0, 1]: " + pct);
                long total = r.getLong(9);
                long within = r.getLong(10);
                // Published to 0.1 percentage point (printed with two decimals).
                assertEquals((double) within / total, pct, 0.0006, r.getString(0) + " " + r.getString(2));
            }
        }
    }
}
