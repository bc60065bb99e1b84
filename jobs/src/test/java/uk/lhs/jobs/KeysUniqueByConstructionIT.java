package uk.lhs.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * The writer skips its key-uniqueness pass for tables whose contract says the producing code makes the key unique
 * ({@link TableContract#keysUniqueByConstruction()}). One test per such table proves it on the demo run: the stored
 * table has rows and no key twice. The demo run is each table's first write, a plain write into the new table (no
 * MERGE), which stores a duplicate as it comes, so a producer that made one would fail here.
 */
class KeysUniqueByConstructionIT {
    @TestFactory
    Stream<DynamicTest> everyTableDeclaredUniqueByConstructionHasUniqueKeys() {
        List<TableContract> declared = Tables.all().stream()
                .filter(TableContract::keysUniqueByConstruction)
                .toList();
        assertFalse(declared.isEmpty());
        return declared.stream()
                .map(t -> DynamicTest.dynamicTest(t.qualifiedName(), () -> {
                    Lakehouse lakehouse = DemoLakehouse.get().context().lakehouse();
                    assertTrue(lakehouse.exists(t), t.qualifiedName() + " was not written by the demo run");
                    Column[] keys = t.keys().stream().map(functions::col).toArray(Column[]::new);
                    long rows = lakehouse.read(t).count();
                    assertTrue(rows > 0, t.qualifiedName() + " is empty, so it proves nothing");
                    List<Row> dupes = lakehouse
                            .read(t)
                            .groupBy(keys)
                            .count()
                            .filter("count > 1")
                            .limit(3)
                            .collectAsList();
                    assertTrue(dupes.isEmpty(), t.qualifiedName() + ": key " + t.keys() + " not unique, e.g. " + dupes);
                }));
    }
}
