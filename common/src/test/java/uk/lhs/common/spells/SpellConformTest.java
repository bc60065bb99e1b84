package uk.lhs.common.spells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import uk.lhs.common.ingest.RowHash;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.testing.SharedSpark;

/** Bad spell rows go to quarantine with their column and reason; good rows are typed into silver. */
class SpellConformTest {
    private static final RowHash KEY = new RowHash("spell-conform-test-key-0123456789abcdef");
    private static final StructType RAW = raw();

    private static StructType raw() {
        StructType t = new StructType();
        for (String f : SpellTables.SPELL_FIELDS) {
            t = t.add(f, DataTypes.StringType);
        }
        return t.add("source_sha256", DataTypes.StringType)
                .add("source_file", DataTypes.StringType)
                .add("row_number", DataTypes.IntegerType)
                .add("dataset", DataTypes.StringType);
    }

    private static int row = 0;

    /** A valid raw row with overrides by field name. */
    private static Row spell(String id, String... overrides) {
        Map<String, String> v = new TreeMap<>(Map.ofEntries(
                Map.entry("SPELL_ID", id),
                Map.entry("PSEUDO_HESID", "P1"),
                Map.entry("PROCODE3", "RXX"),
                Map.entry("FYEAR", "2324"),
                Map.entry("ADMIDATE", "2023-06-01"),
                Map.entry("DISDATE", "2023-06-05"),
                Map.entry("SPELDUR", "4"),
                Map.entry("ADMIMETH", "21"),
                Map.entry("ADMISORC", "19"),
                Map.entry("CLASSPAT", "1"),
                Map.entry("DISMETH", "1"),
                Map.entry("DISDEST", "19"),
                Map.entry("EPITYPE", "1"),
                Map.entry("EPITYPE_LAST", "1"),
                Map.entry("EPICOUNT", "1"),
                Map.entry("STARTAGE", "70"),
                Map.entry("SEX", "1"),
                Map.entry("MAINSPEF", "300"),
                Map.entry("TRETSPEF", "300"),
                Map.entry("DIAG_4_01", "J189"),
                Map.entry("DIAG_4_CONCAT", "J189,I10X"),
                Map.entry("IMD_DECILE", "4")));
        for (int i = 0; i < overrides.length; i += 2) {
            v.put(overrides[i], overrides[i + 1]);
        }
        List<Object> values = new ArrayList<>();
        for (String f : SpellTables.SPELL_FIELDS) {
            values.add(v.get(f));
        }
        values.add("sha");
        values.add("spells.csv");
        values.add(++row);
        values.add(SpellTables.DATASET_SPELLS_CSV);
        return RowFactory.create(values.toArray());
    }

    @Test
    void quarantinesEachProblemWithColumnAndReason() {
        List<Row> rows = List.of(
                spell("1"),
                spell("2", "STARTAGE", "7003"),
                spell("3", "ADMIDATE", "2023-02-30"),
                spell("4", "DISDATE", "2023-05-30", "SPELDUR", null),
                spell("5", "ADMIMETH", "77", "PSEUDO_HESID", " PATIENTMARKER5 "),
                spell("6", "STARTAGE", "121"),
                spell("7", "STARTAGE", "7008"),
                spell("8", "DIAG_4_01", "123"),
                spell("1", "DISMETH", "2"),
                spell("9", "PROCODE3", "R-1"),
                spell("10", "IMD_DECILE", "11"),
                spell("11", "DIAG_4_CONCAT", "J189,BAD"),
                spell("12", "SPELDUR", "9"),
                spell("x13"),
                spell("14", "OPERTN_4_01", "-"),
                spell("15", "SEX", "3"));
        SpellConform.Result r = SpellConform.conform(SharedSpark.session().createDataFrame(rows, RAW), "run1", KEY);
        List<Row> silver =
                DeltaTableWriter.conform(SpellTables.SILVER_SPELLS, r.silver()).collectAsList();
        List<Row> quarantine = DeltaTableWriter.conform(IngestTables.QUARANTINE, r.quarantine())
                .collectAsList();
        Map<Integer, String> problems = new TreeMap<>();
        for (Row q : quarantine) {
            problems.merge(q.getInt(1), q.getString(2) + ": " + q.getString(3), (a, b) -> a + " | " + b);
        }
        assertEquals("ADMIDATE: ADMIDATE: missing or invalid date (want yyyy-MM-dd)", problems.get(3));
        assertEquals("DISDATE: DISDATE: discharge before admission", problems.get(4));
        assertEquals("ADMIMETH: ADMIMETH: not a valid admission method", problems.get(5));
        assertEquals("STARTAGE: STARTAGE: age must be 0-120 or 7001-7007", problems.get(6));
        assertEquals("STARTAGE: STARTAGE: age must be 0-120 or 7001-7007", problems.get(7));
        assertEquals("DIAG_4_01: DIAG_4_01: not an ICD-10 code", problems.get(8).split(" \\| ")[0]);
        assertEquals("SPELL_ID: SPELL_ID: duplicate SPELL_ID: an earlier row has the same spell", problems.get(9));
        assertEquals("PROCODE3: PROCODE3: not a 3-character provider code", problems.get(10));
        assertEquals("IMD_DECILE: IMD_DECILE: not a decile 1-10", problems.get(11));
        assertEquals("DIAG_4_CONCAT: DIAG_4_CONCAT: a diagnosis is not an ICD-10 code", problems.get(12));
        assertEquals("SPELDUR: SPELDUR: disagrees with DISDATE - ADMIDATE", problems.get(13));
        assertEquals("SPELL_ID: SPELL_ID: not a whole number", problems.get(14));
        assertEquals("SEX: SEX: not a valid sex code (0, 1, 2, 9)", problems.get(16));
        assertEquals(new TreeSet<>(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16)), problems.keySet());
        assertEquals(3, silver.size());
        for (Row q : quarantine) {
            assertEquals("spells.csv", q.getString(q.fieldIndex("source_file")));
            assertEquals("run1", q.getString(q.fieldIndex("ingest_run_id")));
            assertTrue(q.isNullAt(q.fieldIndex("raw_text")), "no raw text of a patient row");
            // The keyed hash of the row's fields as read (trimmed), and no field of the row anywhere.
            Row in = rows.get(q.getInt(1) - 1);
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < SpellTables.SPELL_FIELDS.size(); i++) {
                fields.add(in.getString(i));
            }
            assertEquals(KEY.ofFields(fields), q.getString(q.fieldIndex("row_hash")), "row " + q.getInt(1));
            assertTrue(q.getString(q.fieldIndex("row_hash")).matches("[0-9a-f]{64}"));
            for (int i = 0; i < q.size(); i++) {
                assertFalse(String.valueOf(q.get(i)).contains("PATIENTMARKER"), "no patient id in " + q);
                assertFalse(String.valueOf(q.get(i)).contains("2023-06-0"), "no date in " + q);
            }
        }
        assertEquals(
                1,
                quarantine.stream().filter(q -> q.getInt(1) == 5).count(),
                "the marked row is quarantined once, for its admission method");
        Row infant = silver.stream().filter(s -> s.getLong(0) == 2L).findFirst().orElseThrow();
        assertEquals(7003, infant.getInt(infant.fieldIndex("start_age")));
        assertEquals(0, infant.getInt(infant.fieldIndex("age_years")));
        Row first = silver.stream().filter(s -> s.getLong(0) == 1L).findFirst().orElseThrow();
        assertEquals("P1", first.getString(first.fieldIndex("patient_id")), "the first row of a duplicate is kept");
        assertEquals(java.sql.Date.valueOf("2023-06-01"), first.getDate(first.fieldIndex("period_start")));
        assertEquals(4, first.getInt(first.fieldIndex("los_days")));
        Row noOp = silver.stream().filter(s -> s.getLong(0) == 14L).findFirst().orElseThrow();
        assertEquals(true, noOp.isNullAt(noOp.fieldIndex("opertn_primary")), "'-' means no operation");
    }

    /** Issue #18: a SPELL_ID reused for another patient is never loaded over the spell, in one run or a later one. */
    @Test
    void aSpellIdGivenToAnotherPatientIsQuarantinedNeverOverwritten() {
        List<Row> rows = List.of(
                spell("21"),
                spell("22"),
                spell("21", "PSEUDO_HESID", "P2"),
                spell("23"),
                spell("23", "PSEUDO_HESID", "P9"));
        Dataset<Row> stored = SharedSpark.session()
                .createDataFrame(
                        List.of(RowFactory.create(22L, "P7"), RowFactory.create(23L, "P1")),
                        new StructType().add("spell_id", DataTypes.LongType).add("patient_id", DataTypes.StringType));
        Dataset<Row> raw = SharedSpark.session().createDataFrame(rows, RAW);
        SpellConform.Result r = SpellConform.split(SpellConform.check(raw, stored), "run2", KEY);
        Map<Integer, String> problems = new TreeMap<>();
        for (Row q : DeltaTableWriter.conform(IngestTables.QUARANTINE, r.quarantine())
                .collectAsList()) {
            problems.merge(q.getInt(1), q.getString(3), (a, b) -> a + " | " + b);
            for (int i = 0; i < q.size(); i++) {
                assertFalse(String.valueOf(q.get(i)).matches("P[0-9]"), "no patient id in " + q);
            }
        }
        int first = rows.get(0).getInt(SpellTables.SPELL_FIELDS.size() + 2); // row_number, after sha and file
        // The reason starts with its column, as every quarantine reason does.
        String twoPatients = "SPELL_ID: "
                + "SPELL_ID given to more than one patient in the files of this run: every row of it is quarantined";
        String stolen =
                "SPELL_ID: SPELL_ID already loaded for another patient: the stored spell is kept, this row is not loaded";
        assertEquals(twoPatients, problems.get(first), "both rows of spell 21");
        assertEquals(twoPatients, problems.get(first + 2));
        assertEquals(stolen, problems.get(first + 1), "spell 22 is stored for P7");
        assertEquals(
                new TreeSet<>(List.of(twoPatients, stolen)),
                new TreeSet<>(List.of(problems.get(first + 4).split(" \\| "))),
                "23 for P9: two patients in the run, and not the stored one");
        assertTrue(problems.get(first + 3).startsWith(twoPatients), problems.get(first + 3));
        assertEquals(List.of(), r.silver().collectAsList(), "no row of a contested spell id is loaded");
    }
}
