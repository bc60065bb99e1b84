package uk.lhs.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;

/** Which tables are served, from the contracts' releases. */
class ServePolicyTest {
    @Test
    void defaultServesExactlyThePublishedTables() {
        ServePolicy p = ServePolicy.of(false);
        for (TableContract t : Tables.all()) {
            assertEquals(t.release() == Release.PUBLISHED, p.serves(t.qualifiedName()), t.qualifiedName());
        }
        assertTrue(p.serves("gold.indicator_values_published"));
        assertTrue(p.serves("GOLD.Indicator_Values_Published"));
    }

    @Test
    void allTablesServesEverythingButPatientLevelTables() {
        ServePolicy p = ServePolicy.of(true);
        for (TableContract t : Tables.all()) {
            assertEquals(t.release() != Release.PATIENT, p.serves(t.qualifiedName()), t.qualifiedName());
        }
        assertFalse(p.serves("silver.spells"));
        assertFalse(p.serves("bronze.spells"));
        assertTrue(p.serves("gold.indicator_values"));
    }

    @Test
    void unknownNamesAndPathsAreRefused() {
        ServePolicy p = ServePolicy.of(true);
        assertTrue(p.refusal(List.of("gold", "nope"), "default").orElseThrow().contains("not a served table"));
        assertTrue(p.refusal(List.of("delta", "/x/y"), "default").orElseThrow().contains("path-based"));
        assertTrue(
                p.refusal(List.of("gold", "s3a://b/x"), "default").orElseThrow().contains("path-based"));
        assertTrue(p.refusal(List.of("spark_catalog", "gold", "indicator_values"), "x")
                .isEmpty());
        assertTrue(p.refusal(List.of("indicator_values"), "gold").isEmpty());
    }
}
