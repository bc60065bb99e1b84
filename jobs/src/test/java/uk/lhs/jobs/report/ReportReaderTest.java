package uk.lhs.jobs.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;

/** The dashboard reads only tables that may leave the lakehouse: checked on the reader's table list and its guard. */
class ReportReaderTest {
    @Test
    void everyTableTheDashboardReadsLeavesTheLakehouseExceptTheQuarantineProjection() {
        List<String> problems = new ArrayList<>();
        for (TableContract t : ReportReader.TABLES) {
            if (!t.release().leavesLakehouse() && !ReportReader.PROJECTED.contains(t)) {
                problems.add(t.qualifiedName() + " is " + t.release());
            }
            if (t.release() == Release.EXACT || t.release() == Release.PATIENT) {
                assertTrue(ReportReader.PROJECTED.contains(t), t.qualifiedName());
            }
            assertTrue(Tables.all().contains(t), t.qualifiedName() + " is a declared table");
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of(IngestTables.QUARANTINE), ReportReader.PROJECTED, "one projected table only");
        assertTrue(ReportReader.TABLES.containsAll(ReportReader.PROJECTED));
        assertDoesNotThrow(() -> ReportReader.requireReadable(ReportReader.TABLES));
    }

    @Test
    void theReaderRefusesEveryTableThatStaysInTheLakehouse() {
        List<TableContract> refused = Tables.all().stream()
                .filter(t -> !t.release().leavesLakehouse())
                .filter(t -> !ReportReader.PROJECTED.contains(t))
                .toList();
        assertTrue(refused.size() >= 8, "exact and patient tables: " + refused);
        for (TableContract t : refused) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ReportReader.requireReadable(List.of(Tables.PIPELINE_RUNS, t)));
            assertTrue(e.getMessage().contains(t.qualifiedName() + " (" + t.release() + ")"), e.getMessage());
            assertTrue(!e.getMessage().contains(Tables.PIPELINE_RUNS.qualifiedName()), e.getMessage());
        }
    }

    @Test
    void everyPublishedTableNamesItselfSoAndIsReadableByTheDashboard() {
        for (TableContract t : Tables.all()) {
            if (t.release() == Release.PUBLISHED) {
                assertTrue(t.name().endsWith(Release.PUBLISHED_SUFFIX), t.qualifiedName());
                assertDoesNotThrow(() -> ReportReader.requireReadable(List.of(t)));
            }
        }
    }
}
