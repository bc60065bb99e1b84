package uk.lhs.common.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.sources.aeicb.AeIcbLevelParser;
import uk.lhs.common.sources.aemonthly.AeMeasure;
import uk.lhs.common.tables.IngestTables;

/** The registry and the contracts the sources load: one source per dataset id, and the same column names. */
class SourcesTest {
    @Test
    void everyDatasetHasExactlyOneSourceNamedStarSourceInItsOwnPackage() {
        assertEquals(
                Arrays.asList(Dataset.values()),
                Sources.all().stream().map(Source::dataset).sorted().toList());
        for (Source<?> s : Sources.all()) {
            Class<?> c = s.getClass();
            assertTrue(c.getSimpleName().endsWith("Source"), c.getName());
            assertTrue(c.getPackageName().startsWith(Source.class.getPackageName() + "."), c.getName());
            assertEquals(s, s.dataset().source());
        }
    }

    @Test
    void aeMonthlyContractNamesEveryMeasureColumnInOrder() {
        assertEquals(
                Arrays.stream(AeMeasure.values()).map(AeMeasure::column).toList(),
                IngestTables.AE_MONTHLY_COUNTS.stream()
                        .map(IngestTables.AeCount::column)
                        .toList());
        for (AeMeasure m : AeMeasure.values()) {
            IngestTables.AeCount c = IngestTables.AE_MONTHLY_COUNTS.get(m.ordinal());
            assertEquals(m.partOf() == null ? null : m.partOf().column(), c.partOf(), m.toString());
        }
        for (IngestTables.AeCount c : IngestTables.AE_MONTHLY_COUNTS) {
            assertTrue(List.of(IngestTables.AE_MONTHLY.schema().fieldNames()).contains(c.column()), c.column());
        }
    }

    @Test
    void aeSystemContractHasAColumnForEveryPublishedCount() {
        assertEquals(AeIcbLevelParser.COUNT_COLUMNS.size(), IngestTables.AE_SYSTEM_COUNTS.size());
        for (int i = 0; i < AeIcbLevelParser.COUNT_COLUMNS.size(); i++) {
            String column = IngestTables.AE_SYSTEM_COUNTS.get(i);
            assertEquals(
                    "Published: " + AeIcbLevelParser.COUNT_COLUMNS.get(i),
                    IngestTables.AE_SYSTEM_MONTHLY
                            .schema()
                            .apply(column)
                            .getComment()
                            .get(),
                    column);
        }
    }
}
