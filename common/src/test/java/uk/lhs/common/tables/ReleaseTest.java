package uk.lhs.common.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The one rule for what may leave the lakehouse, as the contracts declare it. */
class ReleaseTest {
    @Test
    void onlyTheTablesHoldingRawPatientRowsArePatientLevel() {
        Set<String> patient = Tables.all().stream()
                .filter(t -> t.release() == Release.PATIENT)
                .map(TableContract::qualifiedName)
                .collect(Collectors.toSet());
        assertEquals(Set.of("bronze.publication_rows", "bronze.spells", "silver.spells"), patient);
    }

    @Test
    void everyExactGoldTableOfFiguresHasAPublishedTwinWithTheSameColumnsAndTheThresholds() {
        for (TableContract t : Tables.all()) {
            if (t.layer() != Layer.GOLD || t.release() != Release.EXACT) {
                continue;
            }
            String twin = t.qualifiedName() + Release.PUBLISHED_SUFFIX;
            TableContract published = Tables.byQualifiedName(twin)
                    .orElseThrow(() -> new AssertionError(t.qualifiedName() + " has no published form " + twin));
            assertEquals(Release.PUBLISHED, published.release());
            List<String> exactColumns = List.of(t.schema().fieldNames());
            List<String> publishedColumns = List.of(published.schema().fieldNames());
            assertEquals(exactColumns, publishedColumns.subList(0, exactColumns.size()), twin);
            assertEquals(
                    List.of(TableContract.SUPPRESS_BELOW, TableContract.ROUND_TO),
                    publishedColumns.subList(exactColumns.size(), publishedColumns.size()),
                    twin + " ends with the thresholds its rows passed");
            assertEquals(t.keys(), published.keys(), twin);
        }
    }

    @Test
    void aTableIsPublishedExactlyWhenItsNameSaysSo() {
        for (TableContract t : Tables.all()) {
            assertEquals(
                    t.release() == Release.PUBLISHED, t.name().endsWith(Release.PUBLISHED_SUFFIX), t.qualifiedName());
            assertTrue(t.release().leavesLakehouse() || t.release() == Release.EXACT || t.release() == Release.PATIENT);
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TableContract.builder(Layer.GOLD, "counts")
                        .release(Release.PUBLISHED)
                        .required("k", DataTypes.StringType, "key")
                        .keys("k")
                        .build());
        assertTrue(e.getMessage().contains("_published"), e.getMessage());
    }
}
