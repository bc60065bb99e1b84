package uk.lhs.common.lakehouse;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.Layer;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.testing.SharedSpark;

class DeltaTableWriterIT {
    static final TableContract T = TableContract.builder(Layer.SILVER, "things")
            .release(Release.EXACT)
            .description("test table")
            .required("org_code", StringType, "organisation")
            .required("period_start", DateType, "month")
            .column("value", DoubleType, "a value")
            .column("run_id", StringType, "lineage")
            .keys("org_code", "period_start")
            .partitionBy("period_start")
            .check("value_non_negative", "value IS NULL OR value >= 0")
            .lineage("run_id")
            .build();

    static SparkSession spark;
    static Lakehouse lakehouse;
    static DeltaTableWriter writer;

    @BeforeAll
    static void setUp() {
        spark = SharedSpark.session();
        lakehouse = new Lakehouse(spark, SharedSpark.newLakehouse("writer").toString());
        writer = new DeltaTableWriter(lakehouse, 2, "interval 365 days", "interval 365 days");
    }

    static Dataset<Row> rows(String runId, Object[]... values) {
        List<Row> list = new java.util.ArrayList<>();
        for (Object[] v : values) {
            list.add(RowFactory.create(v[0], Date.valueOf((String) v[1]), v[2], runId));
        }
        return spark.createDataFrame(list, T.schema());
    }

    /**
     * Wide rows built on the driver go out in slices whose Java-serialised size (what a task carries) stays under
     * Spark's 1,000 KiB warning: 20,000 rows of 40 text columns are about 20 MB.
     */
    @Test
    void driverFrameKeepsEverySliceUnderSparksTaskSizeWarning() throws java.io.IOException {
        StructType wide = new StructType();
        for (int c = 0; c < 40; c++) {
            wide = wide.add("c" + c, StringType);
        }
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Object[] v = new Object[40];
            for (int c = 0; c < 40; c++) {
                v[c] = String.format("row %06d column %02d text", i, c);
            }
            rows.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(v, wide));
        }
        Dataset<Row> df = DeltaTableWriter.driverFrame(spark, rows, wide);
        int slices = df.rdd().getNumPartitions();
        long total = 0;
        for (int s = 0; s < slices; s++) { // ParallelCollectionRDD slices a list by even index ranges
            long bytes = serialisedBytes(rows.subList(s * rows.size() / slices, (s + 1) * rows.size() / slices));
            assertTrue(bytes <= 1000 * 1024, "slice " + s + " of " + slices + " is " + bytes + " bytes");
            total += bytes;
        }
        long estimate = DeltaTableWriter.estimatedBytes(rows);
        assertTrue(estimate >= total && estimate <= 3 * total, "estimate " + estimate + " vs serialised " + total);
        assertEquals(20_000, df.count());
        assertTrue(slices >= 20, slices + " slices");
        assertTrue(
                DeltaTableWriter.driverFrame(spark, rows.subList(0, 10), wide)
                                .queryExecution()
                                .analyzed()
                        instanceof org.apache.spark.sql.catalyst.plans.logical.LocalRelation,
                "a few rows stay a local relation");
        assertEquals(0, DeltaTableWriter.driverFrame(spark, List.of(), wide).count());
    }

    private static long serialisedBytes(List<Row> rows) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(rows));
        }
        return bytes.size();
    }

    @Test
    void mergeTwiceKeepsRowsAndSkipsUnchangedRows() {
        Dataset<Row> first =
                rows("run1", new Object[] {"RXX", "2024-04-01", 1.0}, new Object[] {"RYY", "2024-04-01", 2.0});
        WriteResult w1 = writer.write(T, first);
        assertEquals(2, w1.rowsInserted());
        WriteResult w2 = writer.write(
                T, rows("run2", new Object[] {"RXX", "2024-04-01", 1.0}, new Object[] {"RYY", "2024-04-01", 2.0}));
        assertEquals(0, w2.rowsInserted());
        assertEquals(0, w2.rowsUpdated(), "only the lineage column differs: nothing to rewrite");
        assertEquals(2, lakehouse.read(T).count());
        // A revised value replaces the old one; Delta history keeps the earlier version.
        WriteResult w3 = writer.write(T, rows("run3", new Object[] {"RXX", "2024-04-01", 5.0}));
        assertEquals(1, w3.rowsUpdated());
        assertEquals(2, lakehouse.read(T).count());
        assertEquals(5.0, lakehouse.read(T).filter("org_code = 'RXX'").first().getDouble(2));
        assertEquals(
                1.0,
                lakehouse
                        .readVersion(T, w1.version())
                        .filter("org_code = 'RXX'")
                        .first()
                        .getDouble(2));
        new JavaDataFrameSuiteBase()
                .assertDataFrameDataEquals(
                        lakehouse.read(T).select("org_code", "value").orderBy("org_code"),
                        spark.createDataFrame(
                                List.of(RowFactory.create("RXX", 5.0), RowFactory.create("RYY", 2.0)),
                                new StructType().add("org_code", StringType).add("value", DoubleType)));
    }

    /** Driver rows already stored (lineage aside) cost no commit; one changed value writes them. */
    @Test
    void writeRowsIfChangedCommitsOnlyAChange() {
        TableContract t = TableContract.builder(Layer.SILVER, "if_changed")
                .release(Release.EXACT)
                .description("test table")
                .required("org_code", StringType, "organisation")
                .required("period_start", DateType, "month")
                .column("value", DoubleType, "a value")
                .column("run_id", StringType, "lineage")
                .keys("org_code", "period_start")
                .lineage("run_id")
                .build();
        java.util.function.BiFunction<String, Double, List<Row>> rows = (run, v) -> List.of(
                RowFactory.create("RXX", Date.valueOf("2024-04-01"), 1.0, run),
                RowFactory.create("RYY", Date.valueOf("2024-04-01"), v, run));
        assertTrue(writer.writeRowsIfChanged(t, rows.apply("run1", 2.0)).isPresent(), "a new table is written");
        long v1 = lakehouse.currentVersion(t);
        assertTrue(writer.writeRowsIfChanged(t, rows.apply("run2", 2.0)).isEmpty(), "same values, another run");
        assertEquals(v1, lakehouse.currentVersion(t), "no commit");
        assertTrue(writer.writeRowsIfChanged(t, rows.apply("run3", 2.5)).isPresent());
        assertEquals(v1 + 1, lakehouse.currentVersion(t));
        assertEquals(2.5, lakehouse.read(t).filter("org_code = 'RYY'").first().getDouble(2));
    }

    @Test
    void wrongColumnsAreRefusedWithAClearMessage() {
        Dataset<Row> extra = rows("r", new Object[] {"RZZ", "2024-05-01", 1.0})
                .withColumn("surprise", org.apache.spark.sql.functions.lit(1));
        ContractViolation e1 = assertThrows(ContractViolation.class, () -> writer.write(T, extra));
        assertTrue(e1.getMessage().contains("unexpected column surprise"), e1.getMessage());
        Dataset<Row> wrongType = rows("r", new Object[] {"RZZ", "2024-05-01", 1.0})
                .withColumn("value", org.apache.spark.sql.functions.lit(1L).cast(LongType));
        ContractViolation e2 = assertThrows(ContractViolation.class, () -> writer.write(T, wrongType));
        assertTrue(e2.getMessage().contains("column value is bigint but the contract says double"), e2.getMessage());
        Dataset<Row> missing =
                rows("r", new Object[] {"RZZ", "2024-05-01", 1.0}).drop("value");
        ContractViolation e3 = assertThrows(ContractViolation.class, () -> writer.write(T, missing));
        assertTrue(e3.getMessage().contains("missing column value (double)"), e3.getMessage());
        assertTrue(e3.getMessage().contains("Fix:"), e3.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        Dataset<Row> dupes =
                rows("r", new Object[] {"RQQ", "2024-06-01", 1.0}, new Object[] {"RQQ", "2024-06-01", 2.0});
        ContractViolation e = assertThrows(ContractViolation.class, () -> writer.write(T, dupes));
        assertTrue(e.getMessage().contains("is not unique"), e.getMessage());
        assertEquals(0, lakehouse.read(T).filter("org_code = 'RQQ'").count(), "nothing written");
    }

    @Test
    void checkConstraintIsEnforcedByDelta() {
        writer.ensure(T);
        long before = lakehouse.currentVersion(T);
        Dataset<Row> negative = rows("r", new Object[] {"RNN", "2024-07-01", -1.0});
        Exception e = assertThrows(Exception.class, () -> writer.write(T, negative));
        assertTrue(e.getMessage().contains("value_non_negative"), e.getMessage());
        assertEquals(before, lakehouse.currentVersion(T), "no commit");
    }

    @Test
    void tableOnDiskWithAnotherSchemaIsRefused() {
        TableContract other = TableContract.builder(Layer.SILVER, "things")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .required("period_start", DateType, "month")
                .column("value", StringType, "now a string")
                .keys("org_code", "period_start")
                .build();
        writer.ensure(T);
        ContractViolation e = assertThrows(ContractViolation.class, () -> writer.ensure(other));
        assertTrue(e.getMessage().contains("column value is double, contract says string"), e.getMessage());
    }

    @Test
    void aTableOfAnEarlierVersionIsUpgradedAdditively() {
        TableContract v1 = TableContract.builder(Layer.SILVER, "upgraded")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .column("status", StringType, "status")
                .keys("org_code")
                .check("status_known", "status IN ('ok')")
                .build();
        TableContract v2 = TableContract.builder(Layer.SILVER, "upgraded")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .column("status", StringType, "status")
                .column("note", StringType, "added in v2, it's nullable")
                .keys("org_code")
                .check("status_known", "status IN ('ok', 'low_count')")
                .build();
        writer.write(v1, spark.createDataFrame(List.of(RowFactory.create("A", "ok")), v1.schema()));
        writer.write(v2, spark.createDataFrame(List.of(RowFactory.create("B", "low_count", "new")), v2.schema()));
        Dataset<Row> t = lakehouse.read(v2).orderBy("org_code");
        assertEquals(List.of("org_code", "status", "note"), List.of(t.columns()));
        List<Row> got = t.collectAsList();
        assertEquals(RowFactory.create("A", "ok", null), got.get(0), "an earlier row reads the new column as null");
        assertEquals(RowFactory.create("B", "low_count", "new"), got.get(1));
        Exception e = assertThrows(
                Exception.class,
                () -> writer.write(
                        v2, spark.createDataFrame(List.of(RowFactory.create("C", "other", null)), v2.schema())));
        assertTrue(e.getMessage().contains("status_known"), "the replaced constraint still holds: " + e.getMessage());
    }

    @Test
    void aNewTableGetsItsConstraintsAndPropertiesInTheCreateCommit() {
        TableContract c = TableContract.builder(Layer.SILVER, "created")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .column("status", StringType, "status")
                .column("value", DoubleType, "a value")
                .keys("org_code")
                .check("Status_Known", "status IN ('ok', 'low_count')")
                .check("value_non_negative", "value IS NULL OR value >= 0")
                .build();
        writer.ensure(c);
        assertEquals(0, lakehouse.currentVersion(c), "one commit: the CREATE");
        assertEquals(
                1, DeltaTable.forPath(spark, lakehouse.location(c)).history().count());
        java.util.Map<String, String> props = new java.util.HashMap<>();
        for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + lakehouse.location(c) + "`")
                .collectAsList()) {
            props.put(r.getString(0), r.getString(1));
        }
        assertEquals("status IN ('ok', 'low_count')", props.get("delta.constraints.status_known"));
        assertEquals("value IS NULL OR value >= 0", props.get("delta.constraints.value_non_negative"));
        assertEquals("interval 365 days", props.get("delta.logRetentionDuration"));
        // Delta enforces both: a CHECK constraint set at CREATE is a constraint, not just a property.
        Exception e = assertThrows(
                Exception.class,
                () -> writer.write(
                        c, spark.createDataFrame(List.of(RowFactory.create("A", "other", 1.0)), c.schema())));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("status_known"), e.getMessage());
        Exception e2 = assertThrows(
                Exception.class,
                () -> writer.write(c, spark.createDataFrame(List.of(RowFactory.create("A", "ok", -1.0)), c.schema())));
        assertTrue(e2.getMessage().contains("value_non_negative"), e2.getMessage());
        writer.write(c, spark.createDataFrame(List.of(RowFactory.create("A", "ok", 1.0)), c.schema()));
        assertEquals(1, lakehouse.currentVersion(c), "then one commit per write");
        // The same constraint added by ALTER TABLE is stored the same way, so a second writer adds nothing.
        DeltaTableWriter second = new DeltaTableWriter(lakehouse, 2, "interval 365 days", "interval 365 days");
        second.ensure(c);
        assertEquals(1, lakehouse.currentVersion(c), "nothing to upgrade");
    }

    @Test
    void aTableCreatedWithoutConstraintsByAnEarlierVersionGetsThem() {
        TableContract c = TableContract.builder(Layer.SILVER, "old_style")
                .release(Release.EXACT)
                .required("org_code", StringType, "organisation")
                .column("status", StringType, "status")
                .keys("org_code")
                .check("status_known", "status IN ('ok')")
                .build();
        DeltaTable.create(spark)
                .location(lakehouse.location(c))
                .addColumns(c.schema())
                .execute();
        spark.createDataFrame(List.of(RowFactory.create("A", "ok")), c.schema())
                .write()
                .format("delta")
                .mode("append")
                .save(lakehouse.location(c));
        writer.ensure(c);
        assertEquals(2, lakehouse.currentVersion(c), "CREATE, append, then ADD CONSTRAINT");
        Exception e = assertThrows(
                Exception.class,
                () -> writer.write(c, spark.createDataFrame(List.of(RowFactory.create("B", "bad")), c.schema())));
        assertTrue(e.getMessage().contains("status_known"), e.getMessage());
    }

    static final TableContract R = TableContract.builder(Layer.GOLD, "replaced")
            .release(Release.EXACT)
            .description("a table recomputed whole")
            .required("org_code", StringType, "organisation")
            .required("period_start", DateType, "month")
            .column("value", DoubleType, "a value")
            .column("run_id", StringType, "lineage")
            .keys("org_code", "period_start")
            .partitionBy("period_start")
            .check("value_non_negative", "value IS NULL OR value >= 0")
            .lineage("run_id")
            .mode(TableContract.WriteMode.REPLACE)
            .build();

    static Dataset<Row> replacing(String runId, Object[]... values) {
        return rows(runId, values).select("org_code", "period_start", "value", "run_id");
    }

    @Test
    void aReplacedTableIsOverwrittenInScopeAndKeepsItsContractAndHistory() {
        WriteResult w1 = writer.write(
                R,
                replacing(
                        "run1",
                        new Object[] {"RXX", "2024-04-01", 1.0},
                        new Object[] {"RYY", "2024-04-01", 2.0},
                        new Object[] {"RXX", "2024-05-01", 3.0}),
                "true");
        assertEquals(1, w1.version(), "CREATE, then one overwrite");
        assertEquals(3, w1.rowsInserted());
        // One month recomputed: its rows become exactly the new ones (RYY's April row goes), May is untouched.
        WriteResult w2 = writer.write(
                R, replacing("run2", new Object[] {"RXX", "2024-04-01", 4.0}), "t.period_start = DATE'2024-04-01'");
        assertEquals(1, w2.rowsInserted());
        assertEquals(2, w2.rowsUpdated(), "the two April rows replaced");
        assertEquals(
                List.of(
                        RowFactory.create("RXX", Date.valueOf("2024-04-01"), 4.0),
                        RowFactory.create("RXX", Date.valueOf("2024-05-01"), 3.0)),
                lakehouse
                        .read(R)
                        .select("org_code", "period_start", "value")
                        .orderBy("period_start")
                        .collectAsList());
        assertEquals(3, lakehouse.readVersion(R, w1.version()).count(), "time travel to the earlier version");
        // A row outside the scope is refused, not silently written.
        assertThrows(
                Exception.class,
                () -> writer.write(
                        R,
                        replacing("run3", new Object[] {"RXX", "2024-06-01", 1.0}),
                        "t.period_start = DATE'2024-04-01'"));
        // The contract survives overwrites: constraint, key check, column comments, properties, partitioning.
        Exception e = assertThrows(
                Exception.class,
                () -> writer.write(R, replacing("run3", new Object[] {"RXX", "2024-04-01", -1.0}), "true"));
        assertTrue(e.getMessage().contains("value_non_negative"), e.getMessage());
        assertThrows(
                ContractViolation.class,
                () -> writer.write(
                        R,
                        replacing(
                                "run3", new Object[] {"RQQ", "2024-04-01", 1.0}, new Object[] {"RQQ", "2024-04-01", 2.0
                                }),
                        "true"));
        assertThrows(IllegalArgumentException.class, () -> writer.write(R, replacing("run3")), "a scope is required");
        WriteResult w3 = writer.write(R, replacing("run3", new Object[] {"RZZ", "2024-07-01", 7.0}), "true");
        assertEquals(1, lakehouse.read(R).count());
        assertEquals(w2.version() + 1, w3.version());
        Row detail = spark.sql("DESCRIBE DETAIL delta.`" + lakehouse.location(R) + "`")
                .select("partitionColumns", "properties")
                .first();
        assertEquals(List.of("period_start"), detail.getList(0));
        assertEquals("value IS NULL OR value >= 0", detail.getJavaMap(1).get("delta.constraints.value_non_negative"));
        assertEquals(
                "a value",
                lakehouse.read(R).schema().apply("value").getComment().get());
    }
}
